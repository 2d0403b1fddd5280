import { exp, log, logsumexp, sum, type Tensor, tensor } from '@xf/tensor';
import { crossEntropy } from '@xf/trainer';
import { defineCheck } from '../../../../engine/types.js';
import { classIndices, normal } from '../../../helpers.js';

type Impl = {
  crossEntropy: (logits: Tensor, targets: Tensor, ignoreIndex: number) => number | Tensor;
};
interface Input {
  logits: Tensor;
  targets: Tensor;
  ignoreIndex: number;
}

/** Per-row losses with a given log-sum-exp, reduced as asked. */
function ce(lseOf: (x: Tensor) => Float32Array, reduce: 'kept' | 'all' | 'sum') {
  return (logits: Tensor, targets: Tensor, ignoreIndex: number): number => {
    const [N, C] = logits.shape;
    const lse = lseOf(logits);
    let total = 0;
    let kept = 0;
    for (let n = 0; n < N; n++) {
      const t = targets.data[n];
      if (t === ignoreIndex) continue;
      total += lse[n] - logits.data[n * C + t];
      kept++;
    }
    return reduce === 'sum' ? total : total / (reduce === 'all' ? N : kept);
  };
}
const stable = (x: Tensor) => logsumexp(x, -1).data;
const naive = (x: Tensor) => log(sum(exp(x), -1)).data;

function make(
  g: Parameters<typeof normal>[0],
  N: number,
  C: number,
  scale = 1,
  ignored: number[] = [],
): Input {
  const targets = classIndices(g, N, C);
  for (const i of ignored) targets.data[i] = -100;
  return { logits: normal(g, [N, C], scale), targets, ignoreIndex: -100 };
}

export default defineCheck<Impl, Input>({
  title: 'cross-entropy with ignoreIndex',
  functions: ['crossEntropy'],
  reference: 'crossEntropy(logits, targets, { ignoreIndex }) from @xf/trainer',
  referenceImpl: {
    crossEntropy: (logits, targets, ignoreIndex) => crossEntropy(logits, targets, { ignoreIndex }),
  },
  tolerance: { atol: 1e-5, rtol: 1e-5 },
  seed: 5000,
  cases: [
    { label: 'one example (N = 1)', make: (g) => make(g, 1, 5) },
    { label: '8 examples, 10 classes', make: (g) => make(g, 8, 10) },
    { label: 'padding: 3 of 6 targets ignored', make: (g) => make(g, 6, 4, 1, [1, 4, 5]) },
    { label: 'confident model: logits around ±300', make: (g) => make(g, 4, 6, 300) },
    {
      label: 'two classes, hand-made',
      make: () => ({
        logits: tensor([
          [2, 0],
          [0, 2],
          [1, 1],
        ]),
        targets: tensor([0, 0, 1], [3], { dtype: 'int32' }),
        ignoreIndex: -100,
      }),
    },
  ],
  run: (impl, { logits, targets, ignoreIndex }) => impl.crossEntropy(logits, targets, ignoreIndex),
  mistakes: [
    {
      id: 'naive-logsumexp',
      title: 'log(Σ exp) without subtracting the max',
      explain:
        'exp of a logit around 300 overflows float32 to Infinity, so the loss becomes Infinity or NaN. Use logsumexp, ' +
        'or subtract the row maximum m first: log Σ exp(x) = m + log Σ exp(x − m).',
      impl: { crossEntropy: ce(naive, 'kept') },
    },
    {
      id: 'mean-includes-ignored',
      title: 'ignored rows counted in the mean',
      explain:
        'Rows whose target is ignoreIndex must not count at all: divide the sum by the number of kept rows, not by N.',
      impl: { crossEntropy: ce(stable, 'all') },
    },
    {
      id: 'sum-not-mean',
      title: 'summed instead of averaged',
      explain:
        'The loss is the mean over the kept examples, so that it does not grow with the batch size.',
      impl: { crossEntropy: ce(stable, 'sum') },
    },
  ],
});
