import { causalMask, MultiHeadAttention } from '@xf/attention';
import {
  chunk,
  linear,
  matmul,
  mul,
  reshape,
  softmax,
  type Tensor,
  transpose,
  where,
} from '@xf/tensor';
import { defineCheck } from '../../../../engine/types.js';
import { between, normal } from '../../../helpers.js';

interface MhaParams {
  inProjWeight: Tensor;
  inProjBias: Tensor;
  outProjWeight: Tensor;
  outProjBias: Tensor;
}
type Impl = {
  multiHeadAttention: (x: Tensor, p: MhaParams, numHeads: number, causal: boolean) => Tensor;
};
interface Input {
  x: Tensor;
  p: MhaParams;
  numHeads: number;
  causal: boolean;
}

function make(
  g: Parameters<typeof normal>[0],
  B: number,
  L: number,
  H: number,
  D: number,
  causal: boolean,
): Input {
  const E = H * D;
  const w = 1 / Math.sqrt(E);
  return {
    x: normal(g, [B, L, E]),
    p: {
      inProjWeight: normal(g, [3 * E, E], w),
      inProjBias: normal(g, [3 * E], 0.1),
      outProjWeight: normal(g, [E, E], w),
      outProjBias: normal(g, [E], 0.1),
    },
    numHeads: H,
    causal,
  };
}

const split = (x: Tensor, h: number, transposeHeads = true) => {
  const [B, L, width] = x.shape;
  return transposeHeads
    ? transpose(reshape(x, [B, L, h, width / h]), 1, 2)
    : reshape(x, [B, h, L, width / h]);
};
const merge = (x: Tensor) => {
  const [B, H, L, D] = x.shape;
  return reshape(transpose(x, 1, 2), [B, L, H * D]);
};

/** Multi-head attention from tensor ops, with one step changed. */
function variant(opts: {
  scale?: 'head' | 'model' | 'none';
  transposeHeads?: boolean;
  order?: number[];
  outProj?: boolean;
}) {
  return (x: Tensor, p: MhaParams, numHeads: number, causal: boolean): Tensor => {
    const parts = chunk(linear(x, p.inProjWeight, p.inProjBias), 3, -1);
    const [q, k, v] = (opts.order ?? [0, 1, 2]).map((i) =>
      split(parts[i], numHeads, opts.transposeHeads ?? true),
    );
    const D = q.shape[3];
    const scale = { head: 1 / Math.sqrt(D), model: 1 / Math.sqrt(D * numHeads), none: 1 }[
      opts.scale ?? 'head'
    ];
    let s = mul(matmul(q, transpose(k, -2, -1)), scale);
    if (causal) s = where(causalMask(x.shape[1]), s, Number.NEGATIVE_INFINITY);
    const o = merge(matmul(softmax(s, -1), v));
    return opts.outProj === false ? o : linear(o, p.outProjWeight, p.outProjBias);
  };
}

export default defineCheck<Impl, Input>({
  title: 'multi-head self-attention',
  functions: ['multiHeadAttention'],
  reference:
    'MultiHeadAttention(E, H, { batchFirst: true }) from @xf/attention, with these weights loaded',
  referenceImpl: {
    multiHeadAttention: (x, p, numHeads, causal) => {
      const E = x.shape[2];
      const mha = new MultiHeadAttention(E, numHeads, { batchFirst: true });
      mha.loadStateDict({
        in_proj_weight: p.inProjWeight,
        in_proj_bias: p.inProjBias,
        'out_proj.weight': p.outProjWeight,
        'out_proj.bias': p.outProjBias,
      });
      return mha.forward(x, x, x, { isCausal: causal, needWeights: false })[0];
    },
  },
  tolerance: { atol: 1e-5, rtol: 1e-4 },
  seed: 500,
  cases: [
    { label: 'one token (length 1), 2 heads', make: (g) => make(g, 1, 1, 2, 4, false) },
    { label: 'one head, no mask', make: (g) => make(g, 2, 4, 1, 6, false) },
    { label: '4 heads, causal', make: (g) => make(g, 2, 5, 4, 4, true) },
    {
      label: 'random sizes, causal',
      make: (g) =>
        make(g, between(g, 1, 3), between(g, 2, 7), between(g, 2, 4), between(g, 2, 6), true),
    },
  ],
  run: (impl, { x, p, numHeads, causal }) => impl.multiHeadAttention(x, p, numHeads, causal),
  mistakes: [
    {
      id: 'no-scale',
      title: 'no 1/√d_k',
      explain:
        'The scores of each head are not scaled. Multiply q kᵀ by 1/√D, D the width of one head.',
      impl: { multiHeadAttention: variant({ scale: 'none' }) },
    },
    {
      id: 'scale-by-model-width',
      title: 'scaled by √E instead of √D',
      explain:
        'Each head compares D-wide vectors (D = E / H), so its scores grow like √D, not √E. ' +
        'Use the head width: 1 / Math.sqrt(E / numHeads).',
      impl: { multiHeadAttention: variant({ scale: 'model' }) },
    },
    {
      id: 'split-without-transpose',
      title: 'heads split by reshape alone',
      explain:
        'Reshaping [B, L, E] straight to [B, H, L, D] mixes tokens into heads. Reshape to [B, L, H, D], ' +
        'then transpose dims 1 and 2 (see exercise 4).',
      impl: { multiHeadAttention: variant({ transposeHeads: false }) },
    },
    {
      id: 'qkv-order',
      title: 'q and k taken from the wrong thirds',
      explain:
        'The rows of in_proj_weight are stacked q, then k, then v: chunk(…, 3, -1) returns [q, k, v] in that order.',
      impl: { multiHeadAttention: variant({ order: [1, 0, 2] }) },
    },
    {
      id: 'no-out-proj',
      title: 'output projection missing',
      explain:
        'After merging the heads, apply the output projection: linear(merged, outProjWeight, outProjBias).',
      impl: { multiHeadAttention: variant({ outProj: false }) },
    },
  ],
});
