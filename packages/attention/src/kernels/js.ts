/**
 * The `js` attention kernels: plain loops over one query row at a time, the readable
 * reference every other backend is tested against.
 *
 *   s_ij = scale · q_i·k_j + bias_ij      (−∞ for a masked key)
 *   p_ij = exp(s_ij − max_j s_ij) / Σ_j exp(s_ij − max_j s_ij)
 *   w_ij = p_ij · drop_ij                  (dropout; drop = 1 without it)
 *   o_i  = Σ_j w_ij v_j
 */
import { allocateZeroed } from '@xf/tensor';
import {
  type AttentionLayout,
  type BackwardKernel,
  type ForwardKernel,
  MASKED_THRESHOLD,
} from './layout.js';

/** The bias added to s_ij, or −∞ when key j is masked for query i. */
export function keyBias(a: AttentionLayout, t: number, i: number, j: number): number {
  if (a.causal && j > i + a.diagonal) return Number.NEGATIVE_INFINITY;
  if (!a.mask) return 0;
  const m = a.mask;
  const b = m.bias[m.offsets[t] + i * m.rowStride + j * m.colStride];
  return b <= MASKED_THRESHOLD ? Number.NEGATIVE_INFINITY : b;
}

export const forwardJs: ForwardKernel = (q, k, v, a, drop) => {
  const { T, L, S, E, Ev, scale } = a;
  const probs = allocateZeroed(T * L * S);
  const weights = drop ? allocateZeroed(T * L * S) : probs;
  const out = allocateZeroed(T * L * Ev);
  const s = new Float64Array(S);
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < L; i++) {
      const row = t * L + i;
      const qi = a.qOffsets[t] + i * E;
      let max = Number.NEGATIVE_INFINITY;
      let kept = 0;
      for (let j = 0; j < S; j++) {
        const bias = keyBias(a, t, i, j);
        if (bias === Number.NEGATIVE_INFINITY) {
          s[j] = bias;
          continue;
        }
        kept++;
        const kj = a.kOffsets[t] + j * E;
        let dot = 0;
        for (let e = 0; e < E; e++) dot += q[qi + e] * k[kj + e];
        s[j] = dot * scale + bias;
        if (s[j] > max) max = s[j];
      }
      // every key masked: there is no distribution to take, so the row stays all zeros
      // (only masking does this: NaN scores still give NaN)
      if (kept === 0) continue;
      let sum = 0;
      for (let j = 0; j < S; j++) {
        s[j] = Math.exp(s[j] - max);
        sum += s[j];
      }
      const o = row * Ev;
      for (let j = 0; j < S; j++) {
        const p = s[j] / sum;
        probs[row * S + j] = p;
        const w = drop ? p * drop[row * S + j] : p;
        weights[row * S + j] = w;
        if (w === 0) continue;
        const vj = a.vOffsets[t] + j * Ev;
        for (let e = 0; e < Ev; e++) out[o + e] += w * v[vj + e];
      }
    }
  }
  return { out, probs, weights };
};

/**
 * Backward, row by row:
 *   dw_ij = dO_i·v_j + dW_ij          (dW: a gradient arriving at the returned weights)
 *   dp_ij = dw_ij · drop_ij
 *   ds_ij = p_ij (dp_ij − Σ_k p_ik dp_ik)   (softmax)
 *   dq_i = scale Σ_j ds_ij k_j,  dk_j = scale Σ_i ds_ij q_i,  dv_j = Σ_i w_ij dO_i
 */
export const backwardJs: BackwardKernel = (q, k, v, a, saved, dOut, dWeights) => {
  const { T, L, S, E, Ev, scale } = a;
  const { probs, weights, drop } = saved;
  const dq = allocateZeroed(T * L * E);
  const dk = allocateZeroed(T * S * E);
  const dv = dOut ? allocateZeroed(T * S * Ev) : null;
  const dScores = allocateZeroed(T * L * S);
  const dp = new Float64Array(S);
  const dqi = new Float64Array(E);
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < L; i++) {
      const row = t * L + i;
      const qi = a.qOffsets[t] + i * E;
      const o = row * Ev;
      let rowDot = 0;
      for (let j = 0; j < S; j++) {
        const p = probs[row * S + j];
        if (p === 0) continue; // a masked key: no gradient either way
        let dw = dWeights ? dWeights[row * S + j] : 0;
        if (dOut) {
          const vj = a.vOffsets[t] + j * Ev;
          for (let e = 0; e < Ev; e++) dw += dOut[o + e] * v[vj + e];
        }
        dp[j] = drop ? dw * drop[row * S + j] : dw;
        rowDot += p * dp[j];
      }
      dqi.fill(0);
      for (let j = 0; j < S; j++) {
        const p = probs[row * S + j];
        if (p === 0) continue;
        const ds = p * (dp[j] - rowDot);
        dScores[row * S + j] = ds;
        const kj = a.kOffsets[t] + j * E;
        const dkj = (t * S + j) * E;
        for (let e = 0; e < E; e++) {
          dqi[e] += ds * k[kj + e];
          dk[dkj + e] += scale * ds * q[qi + e];
        }
        if (dv && dOut) {
          const w = weights[row * S + j];
          const dvj = (t * S + j) * Ev;
          for (let e = 0; e < Ev; e++) dv[dvj + e] += w * dOut[o + e];
        }
      }
      for (let e = 0; e < E; e++) dq[row * E + e] = scale * dqi[e];
    }
  }
  return { dq, dk, dv, dScores };
};
