import { sampleNext, topKFilter } from '@xf/decoder';
import { exp, Generator, softmax, sum, type Tensor, tensor, where } from '@xf/tensor';
import { defineCheck } from '../../../../engine/types.js';
import { normal } from '../../../helpers.js';

type Impl = {
  nextTokenProbs: (logits: Tensor, temperature: number, topK: number) => Tensor;
  sampleNext: (logits: Tensor, temperature: number, topK: number, gen: Generator) => number[];
};
interface Input {
  logits: Tensor;
  temperature: number;
  topK: number;
}

const DRAWS = 12;

/** Inverse-CDF draws from `probsOf`, one uniform per row, as multinomial does. */
function drawWith(probsOf: Impl['nextTokenProbs']): Impl['sampleNext'] {
  return (logits, temperature, topK, gen) => {
    const [B, V] = logits.shape;
    if (temperature === 0) {
      return Array.from({ length: B }, (_, b) => {
        let best = 0;
        for (let j = 1; j < V; j++)
          if (logits.data[b * V + j] > logits.data[b * V + best]) best = j;
        return best;
      });
    }
    const p = probsOf(logits, temperature, topK).data;
    return Array.from({ length: B }, (_, b) => {
      let total = 0;
      for (let j = 0; j < V; j++) total += p[b * V + j];
      let u = gen.uniform() * total;
      for (let j = 0; j < V; j++) {
        u -= p[b * V + j];
        if (u < 0 && p[b * V + j] > 0) return j;
      }
      return V - 1;
    });
  };
}

function variant(probsOf: Impl['nextTokenProbs']): Impl {
  return { nextTokenProbs: probsOf, sampleNext: drawWith(probsOf) };
}

const reference: Impl['nextTokenProbs'] = (logits, t, k) =>
  softmax(topKFilter(logits.div(t), k), -1);

function make(
  g: Parameters<typeof normal>[0],
  B: number,
  V: number,
  temperature: number,
  topK: number,
  scale = 2,
): Input {
  return { logits: normal(g, [B, V], scale), temperature, topK };
}

export default defineCheck<Impl, Input>({
  title: 'sampling with temperature and top-k',
  functions: ['nextTokenProbs', 'sampleNext'],
  reference:
    'softmax(topKFilter(logits / T, k)) and sampleNext(logits, { temperature, topK, generator }) from @xf/decoder',
  referenceImpl: {
    nextTokenProbs: reference,
    sampleNext: (logits, temperature, topK, gen) =>
      Array.from(sampleNext(logits, { temperature, topK, generator: gen }).data),
  },
  tolerance: { atol: 1e-6, rtol: 1e-5 },
  seed: 8200,
  cases: [
    { label: 'temperature 1, top-3 of 8', make: (g) => make(g, 2, 8, 1, 3) },
    { label: 'cold (T = 0.5), top-1: always the best', make: (g) => make(g, 2, 6, 0.5, 1) },
    { label: 'hot (T = 2), top-k ≥ vocabulary', make: (g) => make(g, 3, 5, 2, 10) },
    {
      label: 'ties with the k-th largest are kept',
      make: () => ({ logits: tensor([[1, 3, 3, 0, 3, 2]]), temperature: 1, topK: 2 }),
    },
    { label: 'greedy (temperature 0)', make: (g) => make(g, 3, 7, 0, 3) },
  ],
  run: (impl, { logits, temperature, topK }) => {
    const gen = new Generator(42);
    const picks = Array.from({ length: DRAWS }, () =>
      impl.sampleNext(logits, temperature, topK, gen),
    );
    return {
      probs: temperature > 0 ? impl.nextTokenProbs(logits, temperature, topK) : null,
      picks,
    };
  },
  mistakes: [
    {
      id: 'temperature-multiplied',
      title: 'logits multiplied by the temperature',
      explain:
        'Divide by the temperature: a temperature below 1 must sharpen the distribution, above 1 flatten it.',
      impl: variant((logits, t, k) => softmax(topKFilter(logits.mul(t), k), -1)),
    },
    {
      id: 'not-renormalized',
      title: 'top-k applied after the softmax, without renormalising',
      explain:
        'Zeroing the probabilities outside the top k leaves a row that sums to less than 1. Filter the logits to −∞ ' +
        'before the softmax (or divide by the new sum).',
      impl: variant((logits, t, k) => {
        const p = softmax(logits.div(t), -1);
        const kept = topKFilter(logits.div(t), k);
        return where(kept.isfinite(), p, 0);
      }),
    },
    {
      id: 'ties-dropped',
      title: 'ties with the k-th largest dropped',
      explain:
        'Everything strictly below the k-th largest is removed; a logit equal to it stays, so a row can keep more than k tokens.',
      impl: variant((logits, t, k) => {
        const scaled = logits.div(t);
        const [B, V] = scaled.shape;
        const out = scaled.data.slice();
        for (let b = 0; b < B; b++) {
          const order = Array.from({ length: V }, (_, j) => j).sort(
            (x, y) => out[b * V + y] - out[b * V + x] || x - y,
          );
          for (const j of order.slice(k)) out[b * V + j] = Number.NEGATIVE_INFINITY;
        }
        const e = exp(tensor(out, [B, V]).sub(tensor(out, [B, V]).amax(-1, true)));
        return e.div(sum(e, -1, true));
      }),
    },
  ],
});
