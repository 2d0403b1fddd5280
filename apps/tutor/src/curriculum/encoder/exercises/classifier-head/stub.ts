/**
 * encoder · 2 · from token vectors to class logits
 *
 * The encoder gives one vector per token; a classifier needs one per sequence. Average the
 * vectors of the *real* tokens (padding left out), then apply a linear head:
 *
 *   pooled[b] = mean of h[b, t] over the t where paddingMask[b, t] is false     [B, d]
 *   logits    = pooled Wᵀ + bias                                                 [B, C]
 *
 *   h  [B, T, d]    paddingMask  [B, T] bool, true = padding (or null: no padding)
 *   weight [C, d]   bias [C]
 *   →  [B, C]
 *
 * Useful from '@xf/tensor': logicalNot, unsqueeze, mul, sum, div, linear; or loops over .data.
 */
import type { Tensor } from '@xf/tensor';

export function classifierHead(
  h: Tensor,
  paddingMask: Tensor | null,
  weight: Tensor,
  bias: Tensor,
): Tensor {
  throw new Error('TODO: mean over the real tokens, then the linear head');
}
