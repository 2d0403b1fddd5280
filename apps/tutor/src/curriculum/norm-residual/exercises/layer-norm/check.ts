import { layerNorm } from '@xf/norm-residual';
import { add, div, mean, mul, sqrt, square, sub, type Tensor } from '@xf/tensor';
import { defineCheck } from '../../../../engine/types.js';
import { normal } from '../../../helpers.js';

type Impl = { layerNorm: (x: Tensor, weight: Tensor, bias: Tensor, eps: number) => Tensor };
interface Input {
  x: Tensor;
  weight: Tensor;
  bias: Tensor;
  eps: number;
}

function norm(opts: { epsOutside?: boolean; unbiased?: boolean; affine?: boolean; dim?: number }) {
  return (x: Tensor, weight: Tensor, bias: Tensor, eps: number): Tensor => {
    const dim = opts.dim ?? -1;
    const n = x.shape[(dim + x.shape.length) % x.shape.length];
    const centered = sub(x, mean(x, dim, true));
    let variance = mean(square(centered), dim, true);
    if (opts.unbiased) variance = mul(variance, n / Math.max(1, n - 1));
    const std = opts.epsOutside ? add(sqrt(variance), eps) : sqrt(add(variance, eps));
    const y = div(centered, std);
    return opts.affine === false ? y : add(mul(y, weight), bias);
  };
}

function make(g: Parameters<typeof normal>[0], shape: number[], scale = 1, offset = 0): Input {
  const d = shape[shape.length - 1];
  const x = normal(g, shape, scale);
  for (let i = 0; i < x.data.length; i++) x.data[i] += offset;
  return { x, weight: add(normal(g, [d], 0.3), 1), bias: normal(g, [d], 0.3), eps: 1e-5 };
}

export default defineCheck<Impl, Input>({
  title: 'LayerNorm over the last dim',
  functions: ['layerNorm'],
  reference: 'layerNorm(x, [d], weight, bias, eps) from @xf/norm-residual',
  referenceImpl: {
    layerNorm: (x, weight, bias, eps) =>
      layerNorm(x, [x.shape[x.shape.length - 1]], weight, bias, eps),
  },
  tolerance: { atol: 1e-4, rtol: 1e-4 },
  seed: 3000,
  cases: [
    { label: 'one vector of 6', make: (g) => make(g, [6]) },
    { label: 'tokens [2, 5, 8], shifted by +3', make: (g) => make(g, [2, 5, 8], 2, 3) },
    { label: 'tiny variations (σ ≈ 0.003): eps matters', make: (g) => make(g, [3, 8], 0.003) },
    {
      label: 'a constant vector (σ² = 0)',
      make: (g) => {
        const input = make(g, [2, 4]);
        input.x.data.fill(2.5, 0, 4);
        return input;
      },
    },
    { label: 'width 1 (length 1)', make: (g) => make(g, [3, 1]) },
  ],
  run: (impl, { x, weight, bias, eps }) => impl.layerNorm(x, weight, bias, eps),
  mistakes: [
    {
      id: 'eps-outside-sqrt',
      title: 'eps outside the square root',
      explain:
        'The formula divides by √(σ² + eps), not √σ² + eps. The two agree for ordinary vectors and differ a lot when the ' +
        'variance is tiny (σ² ≈ 1e-5 here): put eps inside, sqrt(add(variance, eps)).',
      impl: { layerNorm: norm({ epsOutside: true }) },
    },
    {
      id: 'unbiased-variance',
      title: 'variance divided by n − 1',
      explain:
        'LayerNorm uses the biased variance, mean((x − μ)²), dividing by n. Dividing by n − 1 (PyTorch’s default for ' +
        'var()) shrinks every output by √((n − 1)/n).',
      impl: { layerNorm: norm({ unbiased: true }) },
    },
    {
      id: 'no-affine',
      title: 'weight and bias not applied',
      explain:
        'After normalising, multiply by weight and add bias: they let the layer choose its own scale and shift.',
      impl: { layerNorm: norm({ affine: false }) },
    },
  ],
});
