/**
 * ffn · 3 · SwiGLU
 *
 * LLaMA's feed-forward network gates one projection with another:
 *
 *   gate = silu(x W1ᵀ)       silu(z) = z · sigmoid(z)        W1 [hidden, dModel]
 *   up   = x W3ᵀ                                              W3 [hidden, dModel]
 *   y    = (gate ⊙ up) W2ᵀ   ⊙ is elementwise                 W2 [dModel, hidden]
 *
 * No biases. x [..., dModel] → [..., dModel].
 * Useful from '@xf/tensor': linear(x, w), sigmoid, mul; or silu from '@xf/ffn'.
 */
import type { Tensor } from '@xf/tensor';

export interface SwigluParams {
  w1: Tensor;
  w2: Tensor;
  w3: Tensor;
}

export function swiglu(x: Tensor, p: SwigluParams): Tensor {
  throw new Error('TODO: (silu(x W1ᵀ) ⊙ x W3ᵀ) W2ᵀ');
}
