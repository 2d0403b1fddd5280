import { rmsNorm } from '@xf/norm-residual';
import { add, div, mean, mul, sqrt, square, sub, type Tensor } from '@xf/tensor';
import { defineCheck } from '../../../../engine/types.js';
import { normal } from '../../../helpers.js';

type Impl = { rmsNorm: (x: Tensor, weight: Tensor, eps: number) => Tensor };
interface Input {
  x: Tensor;
  weight: Tensor;
  eps: number;
}

function make(g: Parameters<typeof normal>[0], shape: number[], scale = 1, offset = 0): Input {
  const d = shape[shape.length - 1];
  const x = normal(g, shape, scale);
  for (let i = 0; i < x.data.length; i++) x.data[i] += offset;
  return { x, weight: add(normal(g, [d], 0.3), 1), eps: 1e-6 };
}

const meanSquare = (x: Tensor) => mean(square(x), -1, true);

export default defineCheck<Impl, Input>({
  title: 'RMSNorm',
  functions: ['rmsNorm'],
  reference: 'rmsNorm(x, [d], weight, eps) from @xf/norm-residual',
  referenceImpl: {
    rmsNorm: (x, weight, eps) => rmsNorm(x, [x.shape[x.shape.length - 1]], weight, eps),
  },
  tolerance: { atol: 1e-4, rtol: 1e-4 },
  seed: 3100,
  cases: [
    { label: 'one vector of 5', make: (g) => make(g, [5]) },
    { label: 'tokens [2, 4, 8] with a mean of 2', make: (g) => make(g, [2, 4, 8], 1, 2) },
    { label: 'small values (rms ≈ 0.001): eps matters', make: (g) => make(g, [3, 6], 0.001) },
    { label: 'width 1 (length 1)', make: (g) => make(g, [4, 1]) },
  ],
  run: (impl, { x, weight, eps }) => impl.rmsNorm(x, weight, eps),
  mistakes: [
    {
      id: 'subtracts-mean',
      title: 'the mean is subtracted (that is LayerNorm)',
      explain: 'RMSNorm does not centre the vector: divide x itself by √(mean(x²) + eps).',
      impl: {
        rmsNorm: (x, weight, eps) => {
          const c = sub(x, mean(x, -1, true));
          return mul(div(c, sqrt(add(meanSquare(c), eps))), weight);
        },
      },
    },
    {
      id: 'eps-outside-sqrt',
      title: 'eps outside the square root',
      explain:
        'Divide by √(mean(x²) + eps), not √mean(x²) + eps; they differ when the values are tiny.',
      impl: { rmsNorm: (x, weight, eps) => mul(div(x, add(sqrt(meanSquare(x)), eps)), weight) },
    },
    {
      id: 'no-root',
      title: 'divided by the mean square, not its root',
      explain:
        'The root mean square is √(mean(x²)). Dividing by mean(x²) itself leaves the output with the wrong scale.',
      impl: { rmsNorm: (x, weight, eps) => mul(div(x, add(meanSquare(x), eps)), weight) },
    },
  ],
});
