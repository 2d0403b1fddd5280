/**
 * Matrix multiply throughput: each xf backend (and gpu.js mode) beside TensorFlow.js's cpu and
 * wasm backends, in one process. Prints GFLOP/s and our/peer ratios; writes bench-results/matmul.json.
 *   pnpm bench            (from the repo root)
 *   XF_BENCH_SIZES=128,256 pnpm --filter @xf/tensor bench
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { Generator, matmul, randn, testing } from '../src/index.js';
import { table, timeIt } from './measure.js';

const sizes = (process.env.XF_BENCH_SIZES ?? '128,256,512,1024').split(',').map(Number);
// the reference kernels are slow at 1024; a few runs are enough to time them
const seconds = Number(process.env.XF_BENCH_SECONDS ?? 0.5);

const gflops = (n: number, s: number) => (2 * n ** 3) / s / 1e9;

async function main() {
  const results: Record<string, Record<number, number>> = {};
  const g = new Generator(0);
  for (const config of testing.backendConfigs()) {
    config.use();
    results[config.label] = {};
    for (const n of sizes) {
      const a = randn(n, n, { generator: g });
      const b = randn(n, n, { generator: g });
      const s = await timeIt(() => matmul(a, b), seconds, n >= 1024 ? 1 : 3);
      results[config.label][n] = gflops(n, s);
      console.error(`${config.label} ${n}: ${results[config.label][n].toFixed(2)} GFLOP/s`);
    }
  }
  for (const backend of ['cpu', 'wasm']) {
    await tf.setBackend(backend);
    await tf.ready();
    const label = `tfjs-${backend}`;
    results[label] = {};
    for (const n of sizes) {
      const a = tf.randomNormal([n, n]);
      const b = tf.randomNormal([n, n]);
      const s = await timeIt(
        async () => {
          const c = tf.matMul(a, b);
          await c.data();
          c.dispose();
        },
        seconds,
        n >= 1024 ? 1 : 3,
      );
      results[label][n] = gflops(n, s);
      console.error(`${label} ${n}: ${results[label][n].toFixed(2)} GFLOP/s`);
      a.dispose();
      b.dispose();
    }
  }

  const ours = Object.keys(results).filter((k) => !k.startsWith('tfjs'));
  const sizeHeaders = sizes.map((n) => `${n}`);
  console.log('\nMatrix multiply n x n @ n x n, float32, GFLOP/s (median of repeated runs)\n');
  console.log(
    table(
      ['backend', ...sizeHeaders],
      Object.keys(results).map((k) => [k, ...sizes.map((n) => results[k][n])]),
    ),
  );
  for (const peer of ['tfjs-wasm', 'tfjs-cpu']) {
    console.log(`\nours / ${peer} (above 1: faster than ${peer})\n`);
    console.log(
      table(
        ['backend', ...sizeHeaders],
        ours.map((o) => [o, ...sizes.map((n) => results[o][n] / results[peer][n])]),
      ),
    );
  }
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(
    'bench-results/matmul.json',
    `${JSON.stringify({ date: new Date().toISOString(), gflops: results }, null, 2)}\n`,
  );
  console.log('\nwrote bench-results/matmul.json');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
