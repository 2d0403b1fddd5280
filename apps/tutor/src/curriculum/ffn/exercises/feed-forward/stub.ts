/**
 * ffn · 2 · the position-wise feed-forward network
 *
 * The same two-layer MLP applied to every token on its own: widen, GELU, project back.
 *
 *   h = gelu(x W1ᵀ + b1)     W1 [dFF, dModel], b1 [dFF]     usually dFF = 4 · dModel
 *   y = h W2ᵀ + b2           W2 [dModel, dFF], b2 [dModel]
 *
 *   x  [..., dModel]   →  [..., dModel]
 *
 * Useful from '@xf/tensor': linear(x, w, b); from '@xf/ffn': gelu (or your own from './01-gelu.js').
 */
import type { Tensor } from '@xf/tensor';

export interface FfnParams {
  w1: Tensor;
  b1: Tensor;
  w2: Tensor;
  b2: Tensor;
}

export function feedForward(x: Tensor, p: FfnParams): Tensor {
  throw new Error('TODO: linear, gelu, linear');
}
