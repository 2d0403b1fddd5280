/**
 * attention · 3 · attention with a mask
 *
 * Write `attention(q, k, v, mask)`: scaled dot-product attention.
 *
 *   scores  = q kᵀ / √d_k                        [..., L, S]
 *   scores  = -Infinity where mask is false      a masked key gets weight 0
 *   weights = softmax(scores) over the keys      each row sums to 1
 *   output  = weights v                          [..., L, d_v]
 *
 *   q  [..., L, d_k]    k  [..., S, d_k]    v  [..., S, d_v]
 *   mask  null, or a bool tensor that broadcasts to [..., L, S]: true = may attend
 *   →  { output [..., L, d_v], weights [..., L, S] }
 *
 * One more rule, as @xf/attention has it: a query whose keys are *all* masked has nothing to
 * attend to. Its weights are all 0 and its output is 0 (softmax of a row of -Infinity would be
 * 0/0 = NaN, which is what PyTorch returns).
 *
 * Useful from '@xf/tensor': matmul, transpose, mul, where(cond, a, b), softmax, isnan.
 * You may import your own `scores` and `softmax` from './01-scores.js' and './02-softmax.js'.
 */
import type { Tensor } from '@xf/tensor';

export function attention(
  q: Tensor,
  k: Tensor,
  v: Tensor,
  mask: Tensor | null,
): { output: Tensor; weights: Tensor } {
  throw new Error('TODO: softmax(q kᵀ / √d_k, masked) · v');
}
