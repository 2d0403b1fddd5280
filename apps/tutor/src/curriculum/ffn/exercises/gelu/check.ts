import { gelu } from '@xf/ffn';
import { add, erf, mul, sigmoid, type Tensor, tensor } from '@xf/tensor';
import { defineCheck } from '../../../../engine/types.js';
import { normal } from '../../../helpers.js';

type Impl = { gelu: (x: Tensor) => Tensor };
interface Input {
  x: Tensor;
}

export default defineCheck<Impl, Input>({
  title: 'the exact GELU',
  functions: ['gelu'],
  reference: "gelu(x) from @xf/ffn (approximate: 'none')",
  referenceImpl: { gelu: (x) => gelu(x) },
  tolerance: { atol: 2e-6, rtol: 1e-5 },
  seed: 4000,
  cases: [
    { label: 'a single value', make: () => ({ x: tensor([0.5]) }) },
    {
      label: 'from −5 to 5',
      make: () => ({ x: tensor(Array.from({ length: 41 }, (_, i) => -5 + i / 4)) }),
    },
    { label: 'random [3, 8], wide spread', make: (g) => ({ x: normal(g, [3, 8], 2) }) },
  ],
  run: (impl, { x }) => impl.gelu(x),
  mistakes: [
    {
      id: 'tanh-approximation',
      title: 'the tanh approximation',
      explain:
        '½x(1 + tanh(√(2/π)(x + 0.044715x³))) is GPT-2’s approximation; it is off by up to ~3e-4. This exercise asks for the ' +
        'exact form, x · ½(1 + erf(x/√2)).',
      impl: { gelu: (x) => gelu(x, { approximate: 'tanh' }) },
    },
    {
      id: 'erf-without-sqrt2',
      title: 'erf(x) instead of erf(x / √2)',
      explain:
        'The normal CDF is Φ(x) = ½(1 + erf(x/√2)). Without the /√2 you get the CDF of a narrower normal.',
      impl: { gelu: (x) => mul(x, mul(add(erf(x), 1), 0.5)) },
    },
    {
      id: 'silu',
      title: 'x · sigmoid(x) (that is SiLU)',
      explain:
        'x·σ(x) is SiLU (swish), a cousin of GELU. GELU uses the normal CDF: x · ½(1 + erf(x/√2)).',
      impl: { gelu: (x) => mul(x, sigmoid(x)) },
    },
    {
      id: 'no-half',
      title: 'the ½ is missing',
      explain:
        'Φ(x) = ½(1 + erf(x/√2)) runs from 0 to 1; without the ½ it runs to 2 and every output doubles.',
      impl: { gelu: (x) => mul(x, add(erf(mul(x, 1 / Math.SQRT2)), 1)) },
    },
  ],
});
