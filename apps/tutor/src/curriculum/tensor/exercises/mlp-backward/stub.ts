/**
 * tensor · 3 · a whole backward pass by hand
 *
 * A two-layer network and a mean squared error:
 *
 *   h    = relu(x W1ᵀ + b1)        x [N, D], W1 [H, D], b1 [H]   → h [N, H]
 *   y    = h W2ᵀ + b2              W2 [C, H], b2 [C]              → y [N, C]
 *   loss = mean((y − t)²)          over all N·C elements          → a number
 *
 * Return the loss and the gradient of the loss with respect to each parameter, computed by
 * hand, going backwards one step at a time: ∂loss/∂y, then W2 and b2, then ∂loss/∂h, through
 * the relu, then W1 and b1. (Exercise 1 is the linear step.) Do not call .backward().
 *
 *   → { loss: number, gW1 [H, D], gb1 [H], gW2 [C, H], gb2 [C] }
 *
 * Useful from '@xf/tensor': linear, relu, matmul, transpose, sum, mul, sub, gt (x > 0 as a mask).
 */
import type { Tensor } from '@xf/tensor';

export interface MlpParams {
  w1: Tensor;
  b1: Tensor;
  w2: Tensor;
  b2: Tensor;
}

export function mlpBackward(
  x: Tensor,
  t: Tensor,
  p: MlpParams,
): { loss: number; gW1: Tensor; gb1: Tensor; gW2: Tensor; gb2: Tensor } {
  throw new Error('TODO: forward, then the gradients from the loss back to W1');
}
