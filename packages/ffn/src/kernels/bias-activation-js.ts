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

export interface BiasActivationGrads {
  /** dL/dx = g · act'(x + bias). */
  dx: Float32Array;
  /** dL/dbias = Σ over rows of dL/dx; null when not asked for. */
  dbias: Float32Array | null;
}

export function biasActivationBackwardJs(
  x: Float32Array,
  bias: Float32Array | null,
  grad: Float32Array,
  features: number,
  activation: ActivationName,
  wantBias: boolean,
): BiasActivationGrads {
  const df = scalarActivations[activation].derivative;
  const dx = new Float32Array(x.length);
  const sums = wantBias ? new Float64Array(features) : null;
  for (let i = 0; i < x.length; i++) {
    const col = i % features;
    const z = bias ? x[i] + bias[col] : x[i];
    const d = grad[i] * df(z);
    dx[i] = d;
    if (sums) sums[col] += d;
  }
  return { dx, dbias: sums ? Float32Array.from(sums) : null };
}
