/**
 * The fused cross-entropy kernel: log-softmax and the negative log-likelihood in one pass
 * per position, and its gradient softmax - target in one more.
 *
 * Every form of the loss (class index, ignored position, label smoothing, class weights,
 * probability targets) is one weighted target vector q over the classes at each position:
 *   loss = -Σ_j q_j log p_j,   dloss/dx_j = (Σ_k q_k) p_j - q_j,   p = softmax(x).
 * Sums run in float64; results are stored as float32.
 */
import { defineKernel } from '../../backends.js';

export interface CrossEntropyProblem {
  /** Logits laid out as [outer, classes, inner]. */
  logits: Float32Array;
  outer: number;
  classes: number;
  inner: number;
  /** Class index per position (-1 = ignored), or null for probability targets. */
  indices: Int32Array | null;
  /** Probability targets laid out like the logits, or null for index targets. */
  probabilities: Float32Array | null;
  weight: Float32Array | null;
  labelSmoothing: number;
}

export interface CrossEntropyForward {
  /** Loss per position. */
  losses: Float64Array;
  /** log Σ_j exp(x_j) per position, kept for the backward pass. */
  lse: Float64Array;
  /** What 'mean' divides by: Σ weight[target] over kept positions, or the position count. */
  denominator: number;
}

/** Fills q with the weighted target vector of position (o, i) and returns Σ q. */
function targetVector(p: CrossEntropyProblem, o: number, i: number, q: Float64Array): number {
  const { classes: C, inner, weight, labelSmoothing: eps } = p;
  const w = (c: number) => (weight ? weight[c] : 1);
  let total = 0;
  if (p.indices) {
    const t = p.indices[o * inner + i];
    if (t < 0) {
      q.fill(0);
      return 0;
    }
    for (let c = 0; c < C; c++) {
      total += q[c] = (eps / C) * w(c);
    }
    const onTarget = (1 - eps) * w(t);
    q[t] += onTarget;
    return total + onTarget;
  }
  const y = p.probabilities!;
  for (let c = 0; c < C; c++) {
    const smoothed = (1 - eps) * y[(o * C + c) * inner + i] + eps / C;
    total += q[c] = w(c) * smoothed;
  }
  return total;
}

function forwardJs(p: CrossEntropyProblem): CrossEntropyForward {
  const { logits: x, outer, classes: C, inner } = p;
  const losses = new Float64Array(outer * inner);
  const lse = new Float64Array(outer * inner);
  const q = new Float64Array(C);
  let denominator = 0;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * C * inner + i;
      // subtract the row maximum so exp never overflows
      let max = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < C; c++) {
        max = Math.max(max, x[base + c * inner]);
      }
      let sum = 0;
      for (let c = 0; c < C; c++) {
        sum += Math.exp(x[base + c * inner] - max);
      }
      const logZ = max + Math.log(sum);
      const pos = o * inner + i;
      lse[pos] = logZ;
      targetVector(p, o, i, q);
      let loss = 0;
      for (let c = 0; c < C; c++) {
        if (q[c] !== 0) {
          loss += q[c] * (logZ - x[base + c * inner]); // -q_c log p_c
        }
      }
      losses[pos] = loss;
      if (p.indices) {
        const t = p.indices[pos];
        if (t >= 0) {
          denominator += p.weight ? p.weight[t] : 1;
        }
      }
    }
  }
  if (!p.indices) {
    denominator = outer * inner;
  }
  return { losses, lse, denominator };
}

/** dL/dx given dL/dloss per position (`upstream`). */
function backwardJs(
  p: CrossEntropyProblem,
  lse: Float64Array,
  upstream: Float64Array,
): Float32Array {
  const { logits: x, outer, classes: C, inner } = p;
  const grad = new Float32Array(x.length);
  const q = new Float64Array(C);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const pos = o * inner + i;
      const g = upstream[pos];
      if (g === 0) {
        continue;
      }
      const s = targetVector(p, o, i, q);
      if (s === 0) {
        continue;
      }
      const base = o * C * inner + i;
      for (let c = 0; c < C; c++) {
        const softmax = Math.exp(x[base + c * inner] - lse[pos]);
        grad[base + c * inner] = g * (s * softmax - q[c]);
      }
    }
  }
  return grad;
}

export const crossEntropyForward = defineKernel('crossEntropyForward', { js: forwardJs });
export const crossEntropyBackward = defineKernel('crossEntropyBackward', { js: backwardJs });
