import { causalMask, paddingMaskFromLengths, scaledDotProductAttention } from '@xf/attention';
import { isnan, matmul, mul, softmax, type Tensor, tensor, transpose, where } from '@xf/tensor';
import { defineCheck } from '../../../../engine/types.js';
import { between, boolMask, normal } from '../../../helpers.js';

type Result = { output: Tensor; weights: Tensor };
type Impl = { attention: (q: Tensor, k: Tensor, v: Tensor, mask: Tensor | null) => Result };
interface Input {
  q: Tensor;
  k: Tensor;
  v: Tensor;
  mask: Tensor | null;
}

const NEG = Number.NEGATIVE_INFINITY;
const scaled = (q: Tensor, k: Tensor, scale = true) => {
  const s = matmul(q, transpose(k, -2, -1));
  return scale ? mul(s, 1 / Math.sqrt(q.shape[q.shape.length - 1])) : s;
};
const finish = (w: Tensor, v: Tensor): Result => ({ output: matmul(w, v), weights: w });
const zeroNaN = (w: Tensor) => where(isnan(w), 0, w);

/** The usual steps, with one of them changed. */
function variant(opts: { scale?: boolean; dim?: number; maskedValue?: number; nanRows?: boolean }) {
  return (q: Tensor, k: Tensor, v: Tensor, mask: Tensor | null): Result => {
    let s = scaled(q, k, opts.scale ?? true);
    if (mask) s = where(mask, s, opts.maskedValue ?? NEG);
    let w = softmax(s, opts.dim ?? -1);
    if (mask && !opts.nanRows) w = zeroNaN(w);
    return finish(w, v);
  };
}

function qkv(
  g: Parameters<typeof normal>[0],
  lead: number[],
  L: number,
  S: number,
  E: number,
  Ev = E,
) {
  return {
    q: normal(g, [...lead, L, E]),
    k: normal(g, [...lead, S, E]),
    v: normal(g, [...lead, S, Ev]),
  };
}

export default defineCheck<Impl, Input>({
  title: 'scaled dot-product attention with a mask',
  functions: ['attention'],
  reference:
    'scaledDotProductAttention(q, k, v, { attnMask, returnWeights: true }) from @xf/attention',
  referenceImpl: {
    attention: (q, k, v, mask) => {
      const [output, weights] = scaledDotProductAttention(q, k, v, {
        attnMask: mask,
        returnWeights: true,
      });
      return { output, weights };
    },
  },
  tolerance: { atol: 1e-5, rtol: 1e-4 },
  seed: 300,
  cases: [
    {
      label: 'one query, one key (length 1), no mask',
      make: (g) => ({ ...qkv(g, [], 1, 1, 4), mask: null }),
    },
    {
      label: 'batch and heads, no mask',
      make: (g) => ({
        ...qkv(g, [between(g, 1, 2), between(g, 1, 3)], between(g, 2, 5), between(g, 2, 5), 8, 6),
        mask: null,
      }),
    },
    {
      label: 'causal mask [L, L]',
      make: (g) => {
        const L = between(g, 3, 6);
        return { ...qkv(g, [2, 2], L, L, 8), mask: causalMask(L) };
      },
    },
    {
      label: 'padding: the second sequence has 2 real keys of 5',
      make: (g) => ({ ...qkv(g, [2, 2], 4, 5, 8), mask: paddingMaskFromLengths([5, 2], 5) }),
    },
    {
      label: 'masked rows: query 1 may attend to no key',
      make: (g) => {
        const mask = boolMask(g, [1, 1, 4, 6], 0.6);
        for (let j = 0; j < 6; j++) mask.data[1 * 6 + j] = 0;
        mask.data[0] = 1; // keep row 0 from being empty too
        return { ...qkv(g, [2, 1], 4, 6, 4), mask };
      },
    },
    {
      label: 'every key masked for every query',
      make: (g) => ({
        ...qkv(g, [1], 2, 3, 4),
        mask: tensor([
          [false, false, false],
          [false, false, false],
        ]),
      }),
    },
  ],
  run: (impl, { q, k, v, mask }) => impl.attention(q, k, v, mask),
  mistakes: [
    {
      id: 'no-scale',
      title: 'no 1/√d_k',
      explain:
        'The scores are q kᵀ without dividing by √d_k. Large unscaled scores make softmax nearly one-hot. ' +
        'Multiply the scores by 1/Math.sqrt(d_k) before masking and softmax.',
      impl: { attention: variant({ scale: false }) },
    },
    {
      id: 'softmax-wrong-axis',
      title: 'softmax over the wrong axis',
      explain:
        'The softmax runs over the queries (dim -2), so each column sums to 1 instead of each row. ' +
        'Each query distributes its attention over the keys: softmax(scores, -1).',
      impl: { attention: variant({ dim: -2 }) },
    },
    {
      id: 'mask-after-softmax',
      title: 'mask applied after softmax',
      explain:
        'The masked weights are zeroed after the softmax, so the remaining weights no longer sum to 1. ' +
        'Mask the scores (−∞ where masked) and then take the softmax: the visible keys share all the weight.',
      impl: {
        attention: (q, k, v, mask) => {
          const w = softmax(scaled(q, k), -1);
          return finish(mask ? where(mask, w, 0) : w, v);
        },
      },
    },
    {
      id: 'mask-inverted',
      title: 'mask read the wrong way round',
      explain:
        'In this mask true means "may attend". Your code blocks the keys marked true and keeps the others.',
      impl: {
        attention: (q, k, v, mask) => {
          let s = scaled(q, k);
          if (mask) s = where(mask, NEG, s);
          return finish(mask ? zeroNaN(softmax(s, -1)) : softmax(s, -1), v);
        },
      },
    },
    {
      id: 'mask-with-zero',
      title: 'masked scores set to 0 instead of −∞',
      explain:
        'A masked score of 0 still gets weight exp(0) = 1 in the softmax. Use Number.NEGATIVE_INFINITY: exp(−∞) = 0.',
      impl: { attention: variant({ maskedValue: 0 }) },
    },
    {
      id: 'nan-empty-rows',
      title: 'NaN for a query with no visible key',
      explain:
        'Where every key of a query is masked, softmax of a row of −∞ is 0/0 = NaN. Such a query attends ' +
        'to nothing: set its weights to 0, for example where(isnan(weights), 0, weights).',
      impl: { attention: variant({ nanRows: true }) },
    },
  ],
});
