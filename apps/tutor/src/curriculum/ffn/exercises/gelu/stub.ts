/**
 * ffn · 1 · GELU
 *
 * GELU weights each input by how likely a standard normal variable is to be below it:
 *
 *   GELU(x) = x · Φ(x),   Φ(x) = ½ (1 + erf(x / √2))   (the normal CDF)
 *
 * This is the exact form (PyTorch's default, approximate = 'none'); GPT-2 used a tanh
 * approximation that differs by up to about 3e-4.
 *
 *   x  any shape   →  same shape
 *
 * Useful from '@xf/tensor': erf, mul, add, div (Math.SQRT2 is √2).
 */
import type { Tensor } from '@xf/tensor';

export function gelu(x: Tensor): Tensor {
  throw new Error('TODO: x · ½ (1 + erf(x / √2))');
}
