/**
 * Times the fused LayerNorm and RMSNorm (hand-written backward) against the same math
 * composed from tensor ops, forward + backward, on 768 rows (batch 12 x 64 tokens) of width 128.
 * Run: pnpm --filter @xf/norm-residual bench
 */
import {
  add,
  backendInfo,
  manualSeed,
  mean,
  mul,
  randn,
  rsqrt,
  sub,
  type Tensor,
  testing,
  variance,
} from '@xf/tensor';
import { FLOAT32_EPS, layerNorm, rmsNorm } from '../src/index.js';

const time = (fn: () => void): number => testing.medianTimeMs(fn);

const composedLayerNorm = (x: Tensor, w: Tensor, b: Tensor) => {
  const v = variance(x, -1, { correction: 0, keepdim: true });
  return add(mul(mul(sub(x, mean(x, -1, true)), rsqrt(add(v, 1e-5))), w), b);
};
const composedRmsNorm = (x: Tensor, w: Tensor) =>
  mul(mul(x, rsqrt(add(mean(mul(x, x), -1, true), FLOAT32_EPS))), w);

manualSeed(0);
const width = 128;
const x = randn([768, width], { requiresGrad: true });
const w = randn([width], { requiresGrad: true });
const b = randn([width], { requiresGrad: true });
const leaves = [x, w, b];
const step = (f: () => Tensor) => () => {
  for (const t of leaves) t.grad = null;
  f().sum().backward();
};

console.log(`norms on [768, ${width}], forward + backward, median ms\n`);
console.log(
  '| backend | LayerNorm composed | LayerNorm fused | speed-up | RMSNorm composed | RMSNorm fused | speed-up |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const config of testing.backendConfigs()) {
  config.use();
  const lnC = time(step(() => composedLayerNorm(x, w, b)));
  const lnF = time(step(() => layerNorm(x, width, w, b)));
  const rmsC = time(step(() => composedRmsNorm(x, w)));
  const rmsF = time(step(() => rmsNorm(x, width, w)));
  console.log(
    `| ${backendInfo().description} | ${lnC.toFixed(2)} | ${lnF.toFixed(2)} | ${(lnC / lnF).toFixed(2)}x | ${rmsC.toFixed(2)} | ${rmsF.toFixed(2)} | ${(rmsC / rmsF).toFixed(2)}x |`,
  );
}
