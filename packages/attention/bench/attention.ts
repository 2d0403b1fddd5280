/**
 * Times self-attention forward + backward: 4 heads, 64 tokens, 128 wide (head dim 32),
 * causal, batch 1 (pass another batch size as the first argument), on every backend
 * and gpu.js mode that runs here.
 *
 *   core, reference   the tensor-op version (matmul, mask, softmax, matmul; autograd)
 *   core, fused       scaledDotProductAttention (fused kernels, hand-written backward)
 *   MHA               MultiHeadAttention, projections included (fused core)
 */
import { manualSeed, randn, type Tensor, testing } from '@xf/tensor';
import { attentionReference, MultiHeadAttention, scaledDotProductAttention } from '../src/index.js';

const B = Number(process.argv[2] ?? 1);
const H = 4;
const L = 64;
const E = 128;
const D = E / H;

const time = (fn: () => void): number => testing.medianTimeMs(fn, { warmup: 3 });

function forwardBackward(
  run: (q: Tensor, k: Tensor, v: Tensor) => Tensor,
  q: Tensor,
  k: Tensor,
  v: Tensor,
) {
  return () => {
    for (const x of [q, k, v]) x.grad = null;
    run(q, k, v).sum().backward();
  };
}

manualSeed(0);
const q = randn([B, H, L, D], { requiresGrad: true });
const k = randn([B, H, L, D], { requiresGrad: true });
const v = randn([B, H, L, D], { requiresGrad: true });
const x = randn([B, L, E], { requiresGrad: true });
const mha = new MultiHeadAttention(E, H, { batchFirst: true });

interface Row {
  label: string;
  reference: number;
  fused: number;
  mha: number;
}
const rows: Row[] = [];
for (const config of testing.backendConfigs()) {
  config.use();
  const label = config.label;
  const reference = time(
    forwardBackward((a, b, c) => attentionReference(a, b, c, { isCausal: true })[0], q, k, v),
  );
  const fused = time(
    forwardBackward((a, b, c) => scaledDotProductAttention(a, b, c, { isCausal: true }), q, k, v),
  );
  const mhaTime = time(() => {
    mha.zeroGrad();
    x.grad = null;
    mha.forward(x, x, x, { isCausal: true, needWeights: false })[0].sum().backward();
  });
  rows.push({ label, reference, fused, mha: mhaTime });
}

const js = rows.find((r) => r.label === 'js');
const fmt = (ms: number) => ms.toFixed(2).padStart(9);
console.log(
  `self-attention forward + backward, B = ${B}, H = ${H}, L = ${L}, E = ${E} (head dim ${D}), causal; median ms`,
);
console.log('');
console.log(
  '| backend | core, reference | core, fused | fused speed-up | MHA (fused core) | fused core vs js |',
);
console.log('|---|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const vsJs = js ? `${(js.fused / r.fused).toFixed(2)}x` : '-';
  console.log(
    `| ${r.label} | ${fmt(r.reference)} | ${fmt(r.fused)} | ${(r.reference / r.fused).toFixed(2)}x | ${fmt(r.mha)} | ${vsJs} |`,
  );
}
