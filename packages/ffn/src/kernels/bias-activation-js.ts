/**
 * The reference (js) kernels of the fused bias + activation: plain loops over x viewed as
 * [rows, features], the bias added along the last dim. They define what the gpu kernels compute.
 */
import type { ActivationName } from '../activation-names.js';
import { scalarActivations } from './activation-math.js';

/** y = act(x + bias), bias broadcast over rows (no bias when null). */
export function biasActivationForwardJs(
  x: Float32Array,
  bias: Float32Array | null,
  features: number,
  activation: ActivationName,
): Float32Array {
  const f = scalarActivations[activation].value;
  const y = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const z = bias ? x[i] + bias[i % features] : x[i];
    y[i] = f(z);
  }
  return y;
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
  const df = scalarActivations[activation].derivative;
  const dx = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const z = bias ? x[i] + bias[i % features] : x[i];
    dx[i] = grad[i] * df(z);
  }
  return dx;
}
