/**
 * Times the rotary kernel (one op forward, one backward) against RoPE composed from tensor
 * ops (narrow, mul, sub/add, cat), forward + backward, on queries [12, 4, 64, 32]
 * (batch 12, 4 heads, 64 tokens, head dim 32).
 * Run: pnpm --filter @xf/positional bench
 */
import {
  add,
  backendInfo,
  cat,
  manualSeed,
  mul,
  narrow,
  randn,
  sub,
  type Tensor,
  testing,
} from '@xf/tensor';
import { applyRotaryEmb, RotaryEmbedding, rotaryTables } from '../src/index.js';

const time = (fn: () => void): number => testing.medianTimeMs(fn);

manualSeed(0);
const [B, H, T, D] = [12, 4, 64, 32];
const q = randn([B, H, T, D], { requiresGrad: true });
const { cos, sin } = rotaryTables(T, D);
const composed = (x: Tensor) => {
  const x1 = narrow(x, -1, 0, D / 2);
  const x2 = narrow(x, -1, D / 2, D / 2);
  return cat([sub(mul(x1, cos), mul(x2, sin)), add(mul(x1, sin), mul(x2, cos))], -1);
};
const rope = new RotaryEmbedding(D, { maxLen: T });
const step = (f: () => Tensor) => () => {
  q.grad = null;
  f().sum().backward();
};

console.log(`RoPE on [${B}, ${H}, ${T}, ${D}], forward + backward, median ms\n`);
console.log(
  '| backend | composed | applyRotaryEmb | RotaryEmbedding (cached tables) | speed-up (cached) |',
);
console.log('|---|---:|---:|---:|---:|');
for (const config of testing.backendConfigs()) {
  config.use();
  const c = time(step(() => composed(q)));
  const f = time(step(() => applyRotaryEmb(q)));
  const m = time(step(() => rope.rotate(q)));
  console.log(
    `| ${backendInfo().description} | ${c.toFixed(2)} | ${f.toFixed(2)} | ${m.toFixed(2)} | ${(c / m).toFixed(2)}x |`,
  );
}
