/**
 * tensor · 2 · an op of your own that joins autograd
 *
 * Every op in @xf/tensor builds its output and records how to send a gradient back:
 *
 *   recordOp(name, output, inputs, (grad) => [gradient for inputs[0], ...])
 *
 * Write `tanh(x)` that way: compute the values yourself (Math.tanh over x.data into a new
 * Float32Array, then `new Tensor(values, x.shape)`), and record a backward that turns ∂L/∂y
 * into ∂L/∂x. For y = tanh(x), dy/dx = 1 − y²; the chain rule multiplies by the incoming grad.
 *
 *   x  any shape   →  same shape; after y.backward(g), x.grad must equal g · (1 − y²)
 *
 * Useful from '@xf/tensor': Tensor, recordOp, mul, sub, square (or loops over .data).
 */
import type { Tensor } from '@xf/tensor';

export function tanh(x: Tensor): Tensor {
  throw new Error('TODO: forward with Math.tanh, backward g · (1 − y²), joined with recordOp');
}
