/**
 * The `gpu` attention kernels, gpu.js launches around two cheap host passes.
 *
 * Forward: (1) one launch for the scores, with q·kᵀ, the scale, the mask and the causal test
 * fused; (2) on the host, each row's softmax (and dropout), a single O(L·S) pass; (3) one
 * launch for the weighted sum of values.
 * Backward: (1) on the host, D_i = dO_i·o_i (+ Σ_j w_ij dW_ij), O(L·Ev); (2) one launch for
 * the score gradients, with dP = dO·vᵀ fused in; (3) dq, dk, dv: one merged launch, or three
 * on webasm (see inputGradsSource).
 */
import { activeGpuMode, type GpuKernel, gpuKernel, gpuKernels } from '@xf/tensor';
import {
  dkSource,
  dqSource,
  dvSource,
  inputGradsSource,
  type MaskVariant,
  type ScoreGradVariant,
  scoreGradSource,
  scoresSource,
  weightedSumSource,
} from './gpu-sources.js';
import {
  type AttentionLayout,
  type BackwardKernel,
  type ForwardKernel,
  MASKED,
  MASKED_THRESHOLD,
} from './layout.js';
import { softmaxRows } from './softmax-rows.js';

const scoresKernel = gpuKernels((key: string) => scoresSource(JSON.parse(key) as MaskVariant));
const weightedSumKernel = gpuKernel(weightedSumSource);
const scoreGradKernel = gpuKernels((key: string) =>
  scoreGradSource(JSON.parse(key) as ScoreGradVariant),
);
const inputGradsKernel = gpuKernels((key: string) => inputGradsSource(key === 'dv'));
const dqKernel = gpuKernel(dqSource);
const dkKernel = gpuKernel(dkSource);
const dvKernel = gpuKernel(dvSource);

type KernelArg = Parameters<GpuKernel['run']>[1];

function maskArgs(a: AttentionLayout): KernelArg[] {
  const args: KernelArg[] = [];
  if (a.mask) {
    const m = a.mask;
    args.push(m.bias, m.offsets, m.rowStride, m.colStride, MASKED_THRESHOLD);
  }
  if (a.causal) args.push(a.diagonal);
  return args;
}

export const forwardGpu: ForwardKernel = (q, k, v, a, drop) => {
  const { T, L, S, E, Ev, scale } = a;
  const variant = JSON.stringify({ mask: a.mask !== null, causal: a.causal } satisfies MaskVariant);
  const scores = scoresKernel(variant).run(
    T * L * S,
    q,
    k,
    a.qOffsets,
    a.kOffsets,
    L,
    S,
    E,
    scale,
    MASKED,
    ...maskArgs(a),
  );
  const { probs, weights } = softmaxRows(scores, T * L, S, drop);
  const out = weightedSumKernel.run(T * L * Ev, weights, v, a.vOffsets, L, S, Ev);
  return { out, probs, weights };
};

export const backwardGpu: BackwardKernel = (q, k, v, a, saved, dOut, dWeights) => {
  const { T, L, S, E, Ev, scale } = a;
  const rows = T * L;
  // D_i = Σ_j p_ij dp_ij = dO_i·o_i + Σ_j w_ij dW_ij: one cheap pass here instead of a launch
  const rowDot = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let d = 0;
    if (dOut) for (let e = 0; e < Ev; e++) d += dOut[r * Ev + e] * saved.out[r * Ev + e];
    if (dWeights) for (let j = 0; j < S; j++) d += saved.weights[r * S + j] * dWeights[r * S + j];
    rowDot[r] = d;
  }
  const variant: ScoreGradVariant = {
    dOut: dOut !== null,
    dWeights: dWeights !== null,
    drop: saved.drop !== null,
  };
  const args: KernelArg[] = [saved.probs, rowDot];
  if (dOut) args.push(dOut, v, a.vOffsets, Ev);
  if (dWeights) args.push(dWeights);
  if (saved.drop) args.push(saved.drop);
  args.push(L, S);
  const dScores = scoreGradKernel(JSON.stringify(variant)).run(rows * S, ...args);

  const nQ = rows * E;
  const nK = T * S * E;
  if (activeGpuMode() === 'webasm') {
    return {
      dq: dqKernel.run(nQ, dScores, k, a.kOffsets, L, S, E, scale),
      dk: dkKernel.run(nK, dScores, q, a.qOffsets, L, S, E, scale),
      dv: dOut ? dvKernel.run(T * S * Ev, saved.weights, dOut, L, S, Ev) : null,
      dScores,
    };
  }
  const nV = dOut ? T * S * Ev : 0;
  const gradArgs: KernelArg[] = [dScores, q, k, a.qOffsets, a.kOffsets, L, S, E, scale, nQ, nK];
  if (dOut) gradArgs.push(saved.weights, dOut, Ev);
  const grads = inputGradsKernel(dOut ? 'dv' : 'no-dv').run(nQ + nK + nV, ...gradArgs);
  return {
    dq: grads.subarray(0, nQ),
    dk: grads.subarray(nQ, nQ + nK),
    dv: dOut ? grads.subarray(nQ + nK) : null,
    dScores,
  };
};
