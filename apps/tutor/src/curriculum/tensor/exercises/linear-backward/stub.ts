/**
 * tensor · 1 · the backward pass of a linear layer, by hand
 *
 * y = x Wᵀ + b, with x [N, in], W [out, in], b [out], y [N, out].
 * Autograd hands you gradOut = ∂L/∂y, [N, out]. Return the gradients of the inputs:
 *
 *   gradX = ∂L/∂x   [N, in]
 *   gradW = ∂L/∂W   [out, in]
 *   gradB = ∂L/∂b   [out]
 *
 * Work it out element by element: y[n, o] = Σᵢ x[n, i] W[o, i] + b[o]. Which y's does
 * W[o, i] touch, and with what factor? Then write each sum as one matmul or one sum.
 * A gradient always has the shape of the thing it is the gradient of.
 *
 * Useful from '@xf/tensor': matmul, transpose, sum(x, dim).
 */
import type { Tensor } from '@xf/tensor';

export function linearBackward(
  x: Tensor,
  w: Tensor,
  b: Tensor,
  gradOut: Tensor,
): { gradX: Tensor; gradW: Tensor; gradB: Tensor } {
  throw new Error('TODO: gradX = gradOut W, gradW = gradOutᵀ x, gradB = Σₙ gradOut');
}
