import { amax, div, exp, softmax, sub, sum, type Tensor, tensor } from '@xf/tensor';
import { defineCheck } from '../../../../engine/types.js';
import { between, normal } from '../../../helpers.js';

type Impl = { softmax: (x: Tensor, dim: number) => Tensor };
interface Input {
  x: Tensor;
  dim: number;
}

const normalize = (e: Tensor, dim: number) => div(e, sum(e, dim, true));

export default defineCheck<Impl, Input>({
  title: 'a numerically stable softmax',
  functions: ['softmax'],
  reference: 'softmax(x, dim) from @xf/tensor',
  referenceImpl: { softmax: (x, dim) => softmax(x, dim) },
  tolerance: { atol: 1e-6, rtol: 1e-5 },
  seed: 200,
  cases: [
    { label: 'one row of 5 scores', make: (g) => ({ x: normal(g, [5]), dim: 0 }) },
    { label: 'a single score (length 1)', make: (g) => ({ x: normal(g, [3, 1]), dim: -1 }) },
    {
      label: 'rows of scores, last dim',
      make: (g) => ({ x: normal(g, [between(g, 2, 4), between(g, 2, 7)], 2), dim: -1 }),
    },
    { label: 'along the first dim (dim = 0)', make: (g) => ({ x: normal(g, [4, 3]), dim: 0 }) },
    { label: '4-D scores, dim = 2', make: (g) => ({ x: normal(g, [2, 2, 3, 4]), dim: 2 }) },
    {
      label: 'large scores (exp would overflow)',
      make: () => ({
        x: tensor([
          [1000, 999, 998],
          [-1000, 0, 1000],
        ]),
        dim: -1,
      }),
    },
    {
      label: 'masked keys (-Infinity)',
      make: (g) => {
        const x = normal(g, [3, 4]);
        for (const i of [1, 6, 7, 8]) x.data[i] = Number.NEGATIVE_INFINITY;
        return { x, dim: -1 };
      },
    },
  ],
  run: (impl, { x, dim }) => impl.softmax(x, dim),
  mistakes: [
    {
      id: 'last-axis-always',
      title: 'softmax over the wrong axis',
      explain:
        'The weights are normalised over the last axis whatever `dim` says. Reduce along `dim`: ' +
        'amax(x, dim, true) and sum(e, dim, true).',
      impl: { softmax: (x) => normalize(exp(sub(x, amax(x, -1, true))), -1) },
    },
    {
      id: 'no-max-shift',
      title: 'no max subtraction (overflow)',
      explain:
        'exp(x) of a large score is Infinity, and Infinity / Infinity is NaN. Subtract the max of each ' +
        'slice first: exp(x - max) / Σ exp(x - max) is the same softmax, and every exponent is ≤ 0.',
      impl: { softmax: (x, dim) => normalize(exp(x), dim) },
    },
    {
      id: 'global-sum',
      title: 'normalised by the sum of everything',
      explain:
        'Each value is divided by the sum over the whole tensor, so only the tensor sums to 1, not each ' +
        'slice along `dim`. Sum along `dim` with keepdim: sum(e, dim, true).',
      impl: {
        softmax: (x) => {
          const e = exp(sub(x, amax(x)));
          return div(e, sum(e));
        },
      },
    },
  ],
});
