/**
 * The feed-forward activation of an encoder layer: a name the fused bias + activation kernel
 * knows (as PyTorch's activation='relu' or 'gelu'), or any function of a tensor (as PyTorch's
 * callable), which then runs after an ordinary biased linear.
 */
import { type ActivationName, biasActivation } from '@xf/ffn';
import { linear, type Tensor } from '@xf/tensor';
import { checkActivationName } from './check.js';

export type Activation = ActivationName | ((x: Tensor) => Tensor);

export function checkActivation(op: string, name: string, value: unknown): Activation {
  if (typeof value === 'function') return value as (x: Tensor) => Tensor;
  return checkActivationName(op, name, value);
}

/** act(x Wᵀ + b): for a named activation, the bias and the activation are one fused op. */
export function linearActivation(
  x: Tensor,
  weight: Tensor,
  bias: Tensor | null,
  activation: Activation,
): Tensor {
  if (typeof activation === 'function') return activation(linear(x, weight, bias));
  return biasActivation(linear(x, weight), bias, activation);
}
