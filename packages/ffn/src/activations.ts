/**
 * The activation functions as torch.nn.functional has them, each one kernel forward and
 * one backward (the fused bias + activation op with no bias).
 */
import type { Tensor } from '@xf/tensor';
import { biasActivation } from './bias-activation.js';

export interface GeluOptions {
  /** 'none' (default): x Φ(x) with the exact normal CDF; 'tanh': the tanh approximation. */
  approximate?: 'none' | 'tanh';
}

/** GELU(x) = x Φ(x), as torch.nn.functional.gelu. */
export function gelu(x: Tensor, options: GeluOptions = {}): Tensor {
  const approximate = options.approximate ?? 'none';
  if (approximate !== 'none' && approximate !== 'tanh') {
    throw new Error(`gelu: approximate must be 'none' or 'tanh', got '${String(approximate)}'`);
  }
  return biasActivation(x, null, approximate === 'tanh' ? 'gelu-tanh' : 'gelu');
}

/** max(x, 0), as torch.nn.functional.relu (no gradient at 0). */
export function relu(x: Tensor): Tensor {
  return biasActivation(x, null, 'relu');
}

/** SiLU (swish): x σ(x), as torch.nn.functional.silu. */
export function silu(x: Tensor): Tensor {
  return biasActivation(x, null, 'silu');
}
