/**
 * norm-residual · 1 · LayerNorm
 *
 * Normalise each vector over its last dim, then scale and shift it:
 *
 *   μ  = mean(x)                 over the last dim, per vector
 *   σ² = mean((x − μ)²)          the biased variance: divide by n, not n − 1
 *   y  = (x − μ) / √(σ² + eps) · weight + bias
 *
 *   x  [..., d]    weight, bias  [d]    eps  a small number (1e-5)
 *   →  [..., d]
 *
 * eps goes *inside* the square root: it keeps the division finite for a constant vector.
 * Useful from '@xf/tensor': mean(x, -1, true), sub, square, add, sqrt (or rsqrt), div, mul.
 */
import type { Tensor } from '@xf/tensor';

export function layerNorm(x: Tensor, weight: Tensor, bias: Tensor, eps: number): Tensor {
  throw new Error('TODO: (x − mean) / √(var + eps) · weight + bias');
}
