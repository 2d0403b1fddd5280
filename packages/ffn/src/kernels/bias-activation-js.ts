/**
 * The reference (js) kernels of the fused bias + activation: plain loops over x viewed as
 * [rows, features], the bias added along the last dim. They define what the gpu kernels compute.
 */

import { allocateZeroed } from '@xf/tensor';
import type { ActivationName } from '../activation-names.js';
import { scalarActivations } from './activation-math.js';

type Scalar = (z: number) => number;

/** out[i] = f(x[i] + bias[i mod features]) for one fixed f. */
function mapBiased(
  f: Scalar,
  x: Float32Array,
  bias: Float32Array | null,
  features: number,
): Float32Array {
  const y = allocateZeroed(x.length);
  if (!bias) {
    for (let i = 0; i < x.length; i++) y[i] = f(x[i]);
    return y;
  }
  for (let base = 0; base < x.length; base += features) {
    for (let j = 0; j < features; j++) y[base + j] = f(x[base + j] + bias[j]);
  }
  return y;
}

/** out[i] = g[i] · f'(x[i] + bias[i mod features]) for one fixed f'. */
function gradBiased(
  df: Scalar,
  x: Float32Array,
  bias: Float32Array | null,
  grad: Float32Array,
  features: number,
): Float32Array {
  const dx = allocateZeroed(x.length);
  if (!bias) {
    for (let i = 0; i < x.length; i++) dx[i] = grad[i] * df(x[i]);
    return dx;
  }
  for (let base = 0; base < x.length; base += features) {
    for (let j = 0; j < features; j++) dx[base + j] = grad[base + j] * df(x[base + j] + bias[j]);
  }
  return dx;
}

/** y = act(x + bias), bias broadcast over rows (no bias when null). */
export function biasActivationForwardJs(
  x: Float32Array,
  bias: Float32Array | null,
  features: number,
  activation: ActivationName,
): Float32Array {
  return mapBiased(scalarActivations[activation].value, x, bias, features);
}

/**
 * dL/d(x + bias) = g · act'(x + bias): the gradient for x, and, summed over rows, for bias
 * (the op takes that column sum with the engine's reduction).
 */
export function biasActivationBackwardJs(
  x: Float32Array,
  bias: Float32Array | null,
  grad: Float32Array,
  features: number,
  activation: ActivationName,
): Float32Array {
  return gradBiased(scalarActivations[activation].derivative, x, bias, grad, features);
}
