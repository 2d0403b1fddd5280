/** The hand-written WebAssembly kernels, at sizes that split work across threads. */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  Generator,
  getBackend,
  inferenceMode,
  listBackends,
  matmul,
  randn,
  setBackend,
  testing,
  transpose,
} from '../src/index.js';

afterAll(() => setBackend('js'));
const packageRoot = fileURLToPath(new URL('..', import.meta.url));

describe('wasm backend', () => {
  it('is available where WebAssembly SIMD and shared memory are (Node 20)', () => {
    expect(listBackends()).toContain('wasm');
  });

  const g = new Generator(11);
  const cases: [string, number[], number[]][] = [
    ['one large product (columns split across threads)', [131, 203], [203, 77]],
    ['many batches (batches split across threads)', [5, 97, 61], [5, 61, 45]],
    ['broadcast batch over a shared right operand', [3, 2, 70, 90], [90, 130]],
    ['ragged edges (m, n not multiples of the 6x8 tile)', [1, 7], [7, 1]],
  ];
  for (const [name, aShape, bShape] of cases) {
    it(`${name}: equals the reference`, () => {
      const a = randn(aShape, { generator: g });
      const b = randn(bShape, { generator: g });
      setBackend('js');
      const expected = matmul(a, b);
      setBackend('wasm');
      testing.assertClose(matmul(a, b), expected, { atol: 1e-4, rtol: 1e-4 });
      // transposed operands are read through strides
      const at = transpose(a, -1, -2).clone();
      const bt = transpose(b, -1, -2).clone();
      testing.assertClose(matmul(transpose(at, -1, -2), transpose(bt, -1, -2)), expected, {
        atol: 1e-4,
        rtol: 1e-4,
      });
    });
  }

  it('gives the same bits on one thread as on several', () => {
    const code = `
      import { backendReady, Generator, matmul, randn, setBackend } from '@xf/tensor';
      import { createHash } from 'node:crypto';
      setBackend('wasm');
      const info = await backendReady();
      console.log(info.description);
      const g = new Generator(3);
      const out = [matmul(randn(300, 200, { generator: g }), randn(200, 150, { generator: g })),
                   matmul(randn(8, 64, 64, { generator: g }), randn(8, 64, 64, { generator: g }))];
      console.log(out.map((t) => createHash('sha256').update(t.data).digest('hex')).join(' '));`;
    const run = (threads: string) =>
      execFileSync(process.execPath, ['--input-type=module', '-e', code], {
        cwd: packageRoot,
        env: { ...process.env, XF_THREADS: threads },
        encoding: 'utf8',
      });
    const one = run('1');
    const two = run('2');
    expect(one).toMatch(/1 thread\)/);
    expect(two).toMatch(/2 threads\)/);
    expect(one.split('\n')[1]).toBe(two.split('\n')[1]);
    expect(() => run('zero')).toThrow(/XF_THREADS must be a positive integer, got 'zero'/);
  });

  it('runs on one thread where SharedArrayBuffer is missing (pages without cross-origin isolation)', () => {
    const code = `
      globalThis.SharedArrayBuffer = undefined;
      const xf = await import('@xf/tensor');
      xf.setBackend('wasm');
      const g = new xf.Generator(1);
      const a = xf.randn(40, 30, { generator: g });
      const b = xf.randn(30, 50, { generator: g });
      const c = xf.matmul(a, b);
      xf.setBackend('js');
      xf.testing.assertClose(c, xf.matmul(a, b), { atol: 1e-4 });
      xf.setBackend('wasm');
      console.log((await xf.backendReady()).description);`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], {
      cwd: packageRoot,
      encoding: 'utf8',
    });
    expect(out).toMatch(/wasm \(hand-written WebAssembly SIMD kernels, 1 thread\)/);
  });
});

describe('wasm backend, few rows', () => {
  it('computes a row alone exactly as inside a larger product (bit for bit)', () => {
    setBackend('wasm');
    const g = new Generator(5);
    const a = randn(12, 33, { generator: g });
    const w = randn(47, 33, { generator: g });
    const v = randn(33, 29, { generator: g });
    for (const [full, one] of [
      [matmul(a, transpose(w, 0, 1)), matmul(a.narrow(0, 7, 1), transpose(w, 0, 1))],
      [matmul(a, v), matmul(a.narrow(0, 7, 1), v)],
    ]) {
      expect(Array.from(one.data)).toEqual(Array.from(full.narrow(0, 7, 1).data));
    }
  });
});

describe('wasm backend, inference mode', () => {
  it('keeps weights packed across calls with the same results, and forgets them afterwards', () => {
    setBackend('wasm');
    const g = new Generator(8);
    const w = randn(96, 80, { generator: g }); // a weight [out, in]
    const x = randn(3, 80, { generator: g });
    const plain = matmul(x, transpose(w, 0, 1));
    const row = matmul(x.narrow(0, 1, 1), transpose(w, 0, 1));
    const [again, rowAgain] = inferenceMode(() => [
      matmul(x, transpose(w, 0, 1)),
      matmul(x.narrow(0, 1, 1), transpose(w, 0, 1)),
    ]);
    expect(Array.from(again.data)).toEqual(Array.from(plain.data));
    expect(Array.from(rowAgain.data)).toEqual(Array.from(row.data));
    expect(Array.from(rowAgain.data)).toEqual(Array.from(plain.narrow(0, 1, 1).data));
    // a weight changed after inference mode ended is packed afresh
    const w2 = transpose(w, 0, 1).clone();
    const before = inferenceMode(() => matmul(x, w2));
    w2.data[0] += 1;
    const after = inferenceMode(() => matmul(x, w2));
    expect(after.data[0]).not.toBe(before.data[0]);
    testing.assertClose(after, matmul(x, w2));
    expect(() => inferenceMode(() => w2.fill_(0))).toThrow(
      /cannot be modified in place inside inferenceMode/,
    );
  });
});

describe('wasm backend, fused activations', () => {
  it('GELU with a bias, forward and backward, equals the formula x Φ(x)', () => {
    setBackend('wasm');
    const backend = getBackend();
    const g = new Generator(12);
    const x = randn(5, 8, { generator: g }).mul(3);
    const bias = randn(8, { generator: g });
    const grad = randn(5, 8, { generator: g });
    const z = x.add(bias);
    const cdf = z.mul(Math.SQRT1_2).erf().add(1).mul(0.5);
    const pdf = z
      .square()
      .mul(-0.5)
      .exp()
      .mul(1 / Math.sqrt(2 * Math.PI));
    const y = backend.biasActivation!('gelu', x.data, bias.data, 8)!;
    testing.assertClose(y, z.mul(cdf).data, { atol: 2e-6, rtol: 1e-5 });
    const dx = backend.biasActivationBackward!('gelu', x.data, bias.data, grad.data, 8)!;
    testing.assertClose(dx, grad.mul(cdf.add(z.mul(pdf))).data, { atol: 2e-6, rtol: 1e-5 });
    // far tails stay finite: gelu(-30) ≈ 0, gelu(30) = 30
    const tails = backend.biasActivation!('gelu', new Float32Array([-30, -9, 9, 30]), null, 4)!;
    testing.assertClose(tails, [0, -9 * 1.1285884e-19, 9, 30], { atol: 1e-6 });
    // cases it does not cover are left to the caller
    expect(backend.biasActivation!('silu', x.data, bias.data, 8)).toBeNull();
    expect(backend.biasActivation!('gelu', new Float32Array(6), new Float32Array(3), 3)).toBeNull();
  });
});
