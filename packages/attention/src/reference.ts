/**
 * Scaled dot-product attention written as the math, with @xf/tensor ops, so autograd
 * differentiates it with no hand-written gradient. This is the version to read; the fused
 * kernels behind scaledDotProductAttention compute the same numbers and are tested against it.
 *
 *   Attention(Q, K, V) = softmax(Q Kᵀ · scale + mask) V,   scale = 1/√E by default
 */
import {
  add,
  amax,
  dropout,
  eq,
  expand,
  logicalNot,
  matmul,
  mul,
  reshape,
  softmax,
  type Tensor,
  transpose,
  unsqueeze,
  where,
} from '@xf/tensor';
import { causalMask } from './masks.js';
import { checkCausalAndMask, type ScaledDotProductAttentionOptions } from './options.js';
import { planAttention } from './plan.js';

/** [..., Hkv, S, D] → [..., Hkv·g, S, D]: each key/value head repeated for its g query heads. */
export function repeatKvHeads(x: Tensor, g: number): Tensor {
  if (g === 1) return x;
  const shape = [...x.shape];
  const withGroup = unsqueeze(x, -3); // [..., Hkv, 1, S, D]
  const grouped = expand(withGroup, [...shape.slice(0, -2), g, ...shape.slice(-2)]);
  return reshape(grouped, [...shape.slice(0, -3), shape[shape.length - 3] * g, ...shape.slice(-2)]);
}

/** Returns [output [..., L, Ev], weights [..., L, S]]. */
export function attentionReference(
  q: Tensor,
  k: Tensor,
  v: Tensor,
  options: ScaledDotProductAttentionOptions = {},
): [Tensor, Tensor] {
  const op = 'attentionReference';
  checkCausalAndMask(op, options);
  const { attnMask = null, isCausal = false, dropoutP = 0, enableGqa = false } = options;
  planAttention(q, k, v, { op, mask: attnMask, scale: options.scale, enableGqa }); // shape checks only
  const [L, E] = q.shape.slice(-2);
  const S = k.shape[k.ndim - 2];
  const scale = options.scale ?? 1 / Math.sqrt(E);

  // grouped-query attention: every key/value head serves a group of consecutive query heads
  if (enableGqa) {
    const heads = q.shape[q.ndim - 3];
    k = repeatKvHeads(k, heads / k.shape[k.ndim - 3]);
    v = repeatKvHeads(v, heads / v.shape[v.ndim - 3]);
  }

  // scores_ij = scale · (q_i · k_j): how well query i matches key j
  let scores = mul(matmul(q, transpose(k, -2, -1)), scale);

  // a masked key's score becomes −∞, so softmax gives it weight 0; a float mask is added
  const mask = isCausal ? causalMask(L, S) : attnMask;
  if (mask)
    scores =
      mask.dtype === 'bool' ? where(mask, scores, Number.NEGATIVE_INFINITY) : add(scores, mask);

  // a query whose every key is masked has nothing to attend to: all its weights are 0
  // (softmax of a row of −∞ would be 0/0 = NaN, which is what PyTorch returns)
  const noKeys = eq(amax(scores, -1, true), Number.NEGATIVE_INFINITY);
  const weights = mul(softmax(where(noKeys, 0, scores), -1), logicalNot(noKeys));

  // dropout on the weights, then each output is the weighted average of the values
  const dropped = dropout(weights, dropoutP);
  return [matmul(dropped, v), dropped];
}
