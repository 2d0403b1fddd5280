import { testing, randn, manualSeed, tensor } from '@xf/tensor';
import { scaledDotProductAttention, attentionReference, causalMask, paddingMaskFromLengths, combineMasks } from './src/index.js';
manualSeed(1);
const q = randn([2, 4, 5, 8], { requiresGrad: true });
const k = randn([2, 2, 6, 8], { requiresGrad: true });
const v = randn([2, 2, 6, 3], { requiresGrad: true });
const mask = combineMasks(causalMask(5, 6, 1), paddingMaskFromLengths([6, 0], 6))!;
const [ro, rw] = attentionReference(q, k, v, { attnMask: mask, enableGqa: true });
const gOut = randn([2, 4, 5, 3]);
ro.backward(gOut);
const ref = [q.grad!, k.grad!, v.grad!].map((g) => g.data.slice());
for (const c of testing.backendConfigs()) {
  c.use();
  q.grad = k.grad = v.grad = null;
  const t0 = performance.now();
  const [o, w] = scaledDotProductAttention(q, k, v, { attnMask: mask, enableGqa: true, returnWeights: true });
  o.backward(gOut);
  console.log(c.label, (performance.now() - t0).toFixed(1), 'ms');
  testing.assertClose(o, ro, { atol: 1e-5, name: 'out' });
  testing.assertClose(w, rw, { atol: 1e-5, name: 'w' });
  [q, k, v].forEach((x, i) => testing.assertClose(x.grad!.data, ref[i], { atol: 1e-4, name: `grad${i}` }));
}
console.log('ok');
