import { firstTokenPool, meanPool } from '@xf/encoder';
import { linear, mean, sum, type Tensor, tensor } from '@xf/tensor';
import { defineCheck } from '../../../../engine/types.js';
import { normal } from '../../../helpers.js';

type Impl = {
  classifierHead: (h: Tensor, paddingMask: Tensor | null, weight: Tensor, bias: Tensor) => Tensor;
};
interface Input {
  h: Tensor;
  paddingMask: Tensor | null;
  weight: Tensor;
  bias: Tensor;
}

function make(
  g: Parameters<typeof normal>[0],
  B: number,
  T: number,
  d: number,
  C: number,
  lengths?: number[],
): Input {
  const paddingMask = lengths
    ? tensor(
        lengths.flatMap((n) => Array.from({ length: T }, (_, t) => t >= n)),
        [B, T],
      )
    : null;
  return {
    h: normal(g, [B, T, d]),
    paddingMask,
    weight: normal(g, [C, d], 1 / Math.sqrt(d)),
    bias: normal(g, [C], 0.1),
  };
}

export default defineCheck<Impl, Input>({
  title: 'mean pooling and the classifier head',
  functions: ['classifierHead'],
  reference:
    'meanPool(h, paddingMask) from @xf/encoder (as EncoderClassifier pools), then linear(pooled, weight, bias)',
  referenceImpl: { classifierHead: (h, m, w, b) => linear(meanPool(h, m), w, b) },
  tolerance: { atol: 1e-5, rtol: 1e-4 },
  seed: 7100,
  cases: [
    { label: 'no padding', make: (g) => make(g, 2, 4, 6, 3) },
    { label: 'one sequence of one token (length 1)', make: (g) => make(g, 1, 1, 4, 2) },
    { label: 'padding: lengths 5, 2 and 1 of 5', make: (g) => make(g, 3, 5, 8, 4, [5, 2, 1]) },
    { label: 'padding everywhere but the first token', make: (g) => make(g, 2, 6, 4, 3, [1, 1]) },
  ],
  run: (impl, { h, paddingMask, weight, bias }) =>
    impl.classifierHead(h, paddingMask, weight, bias),
  mistakes: [
    {
      id: 'padding-averaged',
      title: 'padding included in the mean',
      explain:
        'The padded positions hold meaningless vectors. Average only the real tokens: divide by their count, not by T.',
      impl: { classifierHead: (h, _m, w, b) => linear(mean(h, 1), w, b) },
    },
    {
      id: 'first-token',
      title: 'the first token taken instead of the mean',
      explain:
        'Taking position 0 is BERT’s [CLS] pooling. This classifier averages the real tokens (mean pooling).',
      impl: { classifierHead: (h, _m, w, b) => linear(firstTokenPool(h), w, b) },
    },
    {
      id: 'sum-not-mean',
      title: 'summed instead of averaged',
      explain:
        'Divide the sum by the number of real tokens, so that long and short sequences give vectors of similar size.',
      impl: {
        classifierHead: (h, m, w, b) => {
          const lengths = m ? sum(m.logicalNot().float(), 1, true) : tensor(h.shape[1]);
          return linear(meanPool(h, m).mul(lengths), w, b);
        },
      },
    },
  ],
});
