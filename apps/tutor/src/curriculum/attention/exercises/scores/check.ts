import { matmul, mul, type Tensor, transpose } from '@xf/tensor';
import { defineCheck } from '../../../../engine/types.js';
import { between, normal } from '../../../helpers.js';

type Impl = { scores: (q: Tensor, k: Tensor) => Tensor };
interface Input {
  q: Tensor;
  k: Tensor;
}

const qkT = (q: Tensor, k: Tensor) => matmul(q, transpose(k, -2, -1));
const lastDim = (x: Tensor) => x.shape[x.shape.length - 1];

export default defineCheck<Impl, Input>({
  title: 'the scores q kᵀ / √d_k',
  functions: ['scores'],
  reference: 'the scores line of attentionReference (@xf/attention): matmul(q, kᵀ) · 1/√d_k',
  referenceImpl: { scores: (q, k) => mul(qkT(q, k), 1 / Math.sqrt(lastDim(q))) },
  tolerance: { atol: 1e-5, rtol: 1e-4 },
  seed: 100,
  cases: [
    {
      label: 'one query, one key (length 1)',
      make: (g) => ({ q: normal(g, [1, 4]), k: normal(g, [1, 4]) }),
    },
    {
      label: '2-D: L = 3, S = 5, d_k = 4',
      make: (g) => ({ q: normal(g, [3, 4]), k: normal(g, [5, 4]) }),
    },
    {
      label: 'batch and heads, random sizes',
      make: (g) => {
        const [B, H, L, S, D] = [
          between(g, 1, 3),
          between(g, 1, 4),
          between(g, 1, 6),
          between(g, 1, 6),
          between(g, 2, 16),
        ];
        return { q: normal(g, [B, H, L, D]), k: normal(g, [B, H, S, D]) };
      },
    },
    {
      label: 'wide heads, d_k = 64',
      make: (g) => ({ q: normal(g, [2, 3, 64]), k: normal(g, [2, 7, 64]) }),
    },
  ],
  run: (impl, { q, k }) => impl.scores(q, k),
  mistakes: [
    {
      id: 'no-scale',
      title: 'no 1/√d_k',
      explain:
        'The result is q kᵀ without the scaling. Dot products of d_k-wide random vectors grow like √d_k, ' +
        'so unscaled scores push softmax towards one-hot weights and tiny gradients. Multiply by 1/√d_k.',
      impl: { scores: (q, k) => qkT(q, k) },
    },
    {
      id: 'divide-by-dk',
      title: 'divided by d_k instead of √d_k',
      explain:
        'The scores are divided by d_k. The standard deviation of q·k grows like √d_k, so divide by Math.sqrt(d_k).',
      impl: { scores: (q, k) => mul(qkT(q, k), 1 / lastDim(q)) },
    },
    {
      id: 'sqrt-of-keys',
      title: 'scaled by the number of keys',
      explain:
        'The scale uses the number of keys S (k.shape[-2]) instead of the key width d_k (the last dim). ' +
        'd_k is q.shape[q.shape.length - 1].',
      impl: { scores: (q, k) => mul(qkT(q, k), 1 / Math.sqrt(k.shape[k.shape.length - 2])) },
    },
  ],
});
