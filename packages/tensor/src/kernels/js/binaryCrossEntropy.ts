/**
 * The fused binary cross-entropy-with-logits kernel, elementwise, in the stable form
 *   loss = (1 - y) x + l · softplus(-x),   l = 1 + (posWeight - 1) y,
 * where softplus(-x) = log(1 + e^-x) = max(-x, 0) + log(1 + e^-|x|) never overflows.
 * With posWeight = 1 this is max(x, 0) - x y + log(1 + e^-|x|).
 */
import { defineKernel } from '../../backends.js';

/** log(1 + e^-x), stable for any x. */
export function softplusNeg(x: number): number {
  return Math.max(-x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/** σ(-x) = 1 / (1 + e^x), without overflow for large |x|. */
function sigmoidNeg(x: number): number {
  if (x >= 0) {
    const e = Math.exp(-x);
    return e / (1 + e);
  }
  return 1 / (1 + Math.exp(x));
}

function forwardJs(x: Float32Array, y: Float32Array, posWeight: Float32Array | null): Float32Array {
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const l = posWeight ? 1 + (posWeight[i] - 1) * y[i] : 1;
    out[i] = (1 - y[i]) * x[i] + l * softplusNeg(x[i]);
  }
  return out;
}

/** Gradients for x and y given dL/dloss per element: dx = g((1 - y) - l σ(-x)), dy = g(-x + (pw - 1) softplus(-x)). */
function backwardJs(
  x: Float32Array,
  y: Float32Array,
  posWeight: Float32Array | null,
  g: Float32Array,
): { dx: Float32Array; dy: Float32Array } {
  const dx = new Float32Array(x.length);
  const dy = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const pw = posWeight ? posWeight[i] : 1;
    const l = 1 + (pw - 1) * y[i];
    dx[i] = g[i] * (1 - y[i] - l * sigmoidNeg(x[i]));
    dy[i] = g[i] * (-x[i] + (pw - 1) * softplusNeg(x[i]));
  }
  return { dx, dy };
}

export const bceWithLogitsForward = defineKernel('bceWithLogitsForward', { js: forwardJs });
export const bceWithLogitsBackward = defineKernel('bceWithLogitsBackward', { js: backwardJs });
