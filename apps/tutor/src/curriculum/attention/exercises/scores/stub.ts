/**
 * attention · 1 · the scores
 *
 * Write `scores(q, k)`: how strongly each query matches each key.
 *
 *   scores[..., i, j] = (q[..., i, :] · k[..., j, :]) / √d_k
 *
 *   q  [..., L, d_k]   L queries
 *   k  [..., S, d_k]   S keys
 *   →  [..., L, S]     one row of scores per query
 *
 * Leading dims (batch, heads) just come along: matmul batches over them.
 * Useful from '@xf/tensor': matmul, transpose(x, -2, -1), mul or div, and x.shape.
 */
import type { Tensor } from '@xf/tensor';

export function scores(q: Tensor, k: Tensor): Tensor {
  throw new Error('TODO: return q kᵀ / √d_k');
}
