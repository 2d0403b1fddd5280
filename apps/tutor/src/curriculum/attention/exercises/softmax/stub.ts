/**
 * attention · 2 · softmax
 *
 * Write `softmax(x, dim)` yourself (not with the library's softmax): along `dim`, turn
 * scores into weights that are positive and sum to 1.
 *
 *   softmax(x)_i = exp(x_i) / Σ_j exp(x_j)
 *
 * exp(1000) is Infinity in float32 and in JavaScript: subtract the largest score of each
 * slice first (softmax does not change when every score moves by the same amount).
 * A score of -Infinity (a masked key) must get weight exactly 0.
 *
 *   x    any shape,   dim  which axis to normalise (negative counts from the end)
 *   →    same shape as x
 *
 * Useful from '@xf/tensor': amax(x, dim, true), sub, exp, sum(x, dim, true), div.
 */
import type { Tensor } from '@xf/tensor';

export function softmax(x: Tensor, dim: number): Tensor {
  throw new Error('TODO: exp(x - max) / sum(exp(x - max)) along dim');
}
