/**
 * norm-residual · 2 · RMSNorm
 *
 * LLaMA's cheaper normalisation: no mean is subtracted, and there is no bias.
 *
 *   rms = √(mean(x²) + eps)      over the last dim, per vector
 *   y   = x / rms · weight
 *
 *   x  [..., d]    weight  [d]    eps  a small number
 *   →  [..., d]
 *
 * Useful from '@xf/tensor': square, mean(x, -1, true), add, sqrt or rsqrt, div, mul.
 */
import type { Tensor } from '@xf/tensor';

export function rmsNorm(x: Tensor, weight: Tensor, eps: number): Tensor {
  throw new Error('TODO: x / √(mean(x²) + eps) · weight');
}
