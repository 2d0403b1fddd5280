import { gelu, SwiGLU } from '@xf/ffn';
import { linear, mul, sigmoid, type Tensor } from '@xf/tensor';
import { defineCheck } from '../../../../engine/types.js';
import { normal } from '../../../helpers.js';

interface SwigluParams {
  w1: Tensor;
  w2: Tensor;
  w3: Tensor;
}
type Impl = { swiglu: (x: Tensor, p: SwigluParams) => Tensor };
interface Input {
  x: Tensor;
  p: SwigluParams;
}

const silu = (a: Tensor) => mul(a, sigmoid(a));

function make(
  g: Parameters<typeof normal>[0],
  lead: number[],
  dModel: number,
  hidden: number,
): Input {
  return {
    x: normal(g, [...lead, dModel]),
    p: {
      w1: normal(g, [hidden, dModel], 1 / Math.sqrt(dModel)),
      w2: normal(g, [dModel, hidden], 1 / Math.sqrt(hidden)),
      w3: normal(g, [hidden, dModel], 1 / Math.sqrt(dModel)),
    },
  };
}

export default defineCheck<Impl, Input>({
  title: 'SwiGLU',
  functions: ['swiglu'],
  reference: 'SwiGLU(dModel, hidden) from @xf/ffn, weights loaded',
  referenceImpl: {
    swiglu: (x, p) => {
      const [hidden, dModel] = p.w1.shape;
      const m = new SwiGLU(dModel, hidden);
      m.loadStateDict({ 'w1.weight': p.w1, 'w2.weight': p.w2, 'w3.weight': p.w3 });
      return m.forward(x);
    },
  },
  tolerance: { atol: 1e-5, rtol: 1e-4 },
  seed: 4200,
  cases: [
    { label: 'one token (length 1)', make: (g) => make(g, [1], 4, 8) },
    { label: 'tokens [2, 3, 8], hidden 24', make: (g) => make(g, [2, 3], 8, 24) },
    { label: 'tokens [5, 6], hidden 16', make: (g) => make(g, [5], 6, 16) },
  ],
  run: (impl, { x, p }) => impl.swiglu(x, p),
  mistakes: [
    {
      id: 'gate-swapped',
      title: 'silu on the wrong branch',
      explain:
        'W1’s projection goes through silu and gates W3’s: silu(x W1ᵀ) ⊙ (x W3ᵀ). You gated the other way round.',
      impl: { swiglu: (x, p) => linear(mul(linear(x, p.w1), silu(linear(x, p.w3))), p.w2) },
    },
    {
      id: 'sigmoid-gate',
      title: 'sigmoid instead of silu (that is GLU)',
      explain: 'The gate is silu(a) = a · sigmoid(a). sigmoid(a) alone is the original GLU.',
      impl: { swiglu: (x, p) => linear(mul(sigmoid(linear(x, p.w1)), linear(x, p.w3)), p.w2) },
    },
    {
      id: 'gelu-gate',
      title: 'GELU instead of silu (that is GeGLU)',
      explain: 'SwiGLU gates with silu (swish); GeGLU is the GELU variant.',
      impl: { swiglu: (x, p) => linear(mul(gelu(linear(x, p.w1)), linear(x, p.w3)), p.w2) },
    },
  ],
});
