/**
 * Attention from the active backend's batched matmul, for backends whose matmul is much
 * faster than any loop written here (the hand-written WebAssembly SIMD backend): q kᵀ and
 * w v are two products that read q, k, v in place through the layout's offsets, and the
 * scale, the mask, the softmax and dropout are fused into one host pass between them.
 * Backward: dP = dO vᵀ, one host pass for dS = p (dp − Σ p dp), then dq = dS k,
 * dk = dSᵀ q, dv = wᵀ dO, all four products on the backend.
 */
import { getBackend } from '@xf/tensor';
import { keyBias } from './js.js';
import { type AttentionLayout, type BackwardKernel, type ForwardKernel, MASKED } from './layout.js';
import { softmaxRows } from './softmax-rows.js';

/** Per batch entry: C[t] = op(A[t]) @ op(B[t]), [m, n] each, zeros when the product is empty. */
function product(
  a: Float32Array,
  b: Float32Array,
  shape: { m: number; k: number; n: number },
  aOffsets: number[],
  bOffsets: number[],
  transA: boolean,
  transB: boolean,
): Float32Array {
  const { m, k, n } = shape;
  const size = aOffsets.length * m * n;
  if (size === 0 || k === 0) return new Float32Array(size);
  return getBackend().matmul(a, b, { m, k, n, aOffsets, bOffsets, transA, transB });
}

const contiguous = (T: number, size: number): number[] =>
  Array.from({ length: T }, (_, t) => t * size);

/** In place: s_ij = scale · s_ij + b_ij, or MASKED for a masked key. */
function scaleAndMask(scores: Float32Array, a: AttentionLayout): void {
  const { T, L, S, scale } = a;
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < L; i++) {
      const row = (t * L + i) * S;
      for (let j = 0; j < S; j++) {
        const b = keyBias(a, t, i, j);
        scores[row + j] = b === Number.NEGATIVE_INFINITY ? MASKED : scores[row + j] * scale + b;
      }
    }
  }
}

export const forwardMatmul: ForwardKernel = (q, k, v, a, drop) => {
  const { T, L, S, E, Ev } = a;
  const scores = product(q, k, { m: L, k: E, n: S }, a.qOffsets, a.kOffsets, false, true);
  scaleAndMask(scores, a);
  const { probs, weights } = softmaxRows(scores, T * L, S, drop);
  const out = product(
    weights,
    v,
    { m: L, k: S, n: Ev },
    contiguous(T, L * S),
    a.vOffsets,
    false,
    false,
  );
  return { out, probs, weights };
};

export const backwardMatmul: BackwardKernel = (q, k, v, a, saved, dOut, dWeights) => {
  const { T, L, S, E, Ev, scale } = a;
  const { probs, drop } = saved;
  const wOffsets = contiguous(T, L * S);
  const oOffsets = contiguous(T, L * Ev);
  // dw = dO vᵀ (+ dW), then dp = dw · drop and ds = p (dp − Σ_j p dp), row by row
  const dScores = dOut
    ? product(dOut, v, { m: L, k: Ev, n: S }, oOffsets, a.vOffsets, false, true)
    : new Float32Array(T * L * S);
  for (let r = 0; r < T * L; r++) {
    const base = r * S;
    let rowDot = 0;
    for (let j = 0; j < S; j++) {
      const x = base + j;
      let dp = dScores[x] + (dWeights ? dWeights[x] : 0);
      if (drop) dp *= drop[x];
      dScores[x] = dp;
      rowDot += probs[x] * dp;
    }
    for (let j = 0; j < S; j++) dScores[base + j] = probs[base + j] * (dScores[base + j] - rowDot);
  }
  const dq = product(dScores, k, { m: L, k: S, n: E }, wOffsets, a.kOffsets, false, false);
  const dk = product(dScores, q, { m: S, k: L, n: E }, wOffsets, a.qOffsets, true, false);
  for (let i = 0; i < dq.length; i++) dq[i] *= scale;
  for (let i = 0; i < dk.length; i++) dk[i] *= scale;
  const dv = dOut
    ? product(saved.weights, dOut, { m: S, k: L, n: Ev }, wOffsets, oOffsets, true, false)
    : null;
  return { dq, dk, dv, dScores };
};
