/**
 * Times the fused bias + GELU (one kernel forward, one backward) against the same math
 * composed from tensor ops, forward + backward, on a GPT-sized hidden layer: 768 rows
 * (batch 12 x 64 tokens) of width 512; then a whole PositionWiseFFN(128, 512).
 * Run: pnpm --filter @xf/ffn bench
 */
import { add, backendInfo, erf, manualSeed, mul, randn, type Tensor, testing } from '@xf/tensor';
import { biasActivation, PositionWiseFFN } from '../src/index.js';

const time = (fn: () => void): number => testing.medianTimeMs(fn);

const composedGelu = (x: Tensor, b: Tensor) => {
  const z = add(x, b);
  return mul(mul(z, 0.5), add(erf(mul(z, Math.SQRT1_2)), 1));
};

manualSeed(0);
const rows = 768;
const width = 512;
const h = randn([rows, width], { requiresGrad: true });
const b = randn([width], { requiresGrad: true });
const x = randn([12, 64, 128], { requiresGrad: true });
const ffn = new PositionWiseFFN(128, 512, { activation: 'gelu', dropout: 0 });

const step = (f: () => Tensor, leaves: Tensor[]) => () => {
  for (const t of leaves) t.grad = null;
  f().sum().backward();
};

console.log(
  `bias + GELU on [${rows}, ${width}], forward + backward; PositionWiseFFN(128, 512) on [12, 64, 128]; median ms\n`,
);
console.log('| backend | composed | fused | speed-up | PositionWiseFFN |');
console.log('|---|---:|---:|---:|---:|');
for (const config of testing.backendConfigs()) {
  config.use();
  const composed = time(step(() => composedGelu(h, b), [h, b]));
  const fused = time(step(() => biasActivation(h, b, 'gelu'), [h, b]));
  const whole = time(() => {
    ffn.zeroGrad();
    step(() => ffn.forward(x), [x])();
  });
  console.log(
    `| ${backendInfo().description} | ${composed.toFixed(2)} | ${fused.toFixed(2)} | ${(composed / fused).toFixed(2)}x | ${whole.toFixed(2)} |`,
  );
}
