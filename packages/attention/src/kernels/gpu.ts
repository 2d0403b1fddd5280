/**
 * The `gpu` attention kernels: three gpu.js launches forward, two backward.
 *
 * Forward: (1) per query row, log Σ exp(scores) with an online maximum, never storing a
 * score; (2) per (row, key), the probability, recomputing its one dot product; (3) per
 * output element, the weighted sum of values. Scores, masking, scaling, the softmax and
 * its normalisation are fused into (1) and (2).
 * Backward: (1) per (row, key), the score gradient, with dP = dO·vᵀ fused in; (2) dq, dk
 * and dv together in one launch.
 */
import { type GpuKernel, gpuKernel } from '@xf/tensor';
import {
  inputGradsSource,
  type MaskVariant,
  probsSource,
  rowLogSumExpSource,
  type ScoreGradVariant,
  scoreGradSource,
  weightedSumSource,
} from './gpu-sources.js';
import {
  type AttentionLayout,
  type BackwardKernel,
  type ForwardKernel,
  MASKED_THRESHOLD,
} from './layout.js';

/** Returned by pass 1 for a row whose every key is masked; pass 2 then writes zeros. */
const DEAD_ROW = 3e38;

function memo<V>(make: (key: string) => V): (key: string) => V {
  const cache = new Map<string, V>();
  return (key) => {
    let v = cache.get(key);
    if (v === undefined) cache.set(key, (v = make(key)));
    return v;
  };
}

const variantKey = (v: object): string => JSON.stringify(v);
const rowLseKernel = memo((key) => gpuKernel(rowLogSumExpSource(JSON.parse(key) as MaskVariant)));
const probsKernel = memo((key) => gpuKernel(probsSource(JSON.parse(key) as MaskVariant)));
const weightedSumKernel = gpuKernel(weightedSumSource);
const scoreGradKernel = memo((key) =>
  gpuKernel(scoreGradSource(JSON.parse(key) as ScoreGradVariant)),
);
const inputGradsKernel = memo((key) => gpuKernel(inputGradsSource(key === 'dv')));

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
  const key = variantKey({ mask: a.mask !== null, causal: a.causal });
  const common: KernelArg[] = [a.qOffsets, a.kOffsets, L, S, E, scale, DEAD_ROW, ...maskArgs(a)];
  const lse = rowLseKernel(key).run(T * L, q, k, ...common);
  const probs = probsKernel(key).run(T * L * S, q, k, lse, ...common);
  let weights = probs;
  if (drop) {
    weights = new Float32Array(probs.length);
    for (let i = 0; i < probs.length; i++) weights[i] = probs[i] * drop[i];
  }
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
  const dScores = scoreGradKernel(variantKey(variant)).run(rows * S, ...args);

  const nQ = rows * E;
  const nK = T * S * E;
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
