import { gelu, PositionWiseFFN, relu } from '@xf/ffn';
import { linear, type Tensor } from '@xf/tensor';
import { defineCheck } from '../../../../engine/types.js';
import { between, normal } from '../../../helpers.js';

interface FfnParams {
  w1: Tensor;
  b1: Tensor;
  w2: Tensor;
  b2: Tensor;
}
type Impl = { feedForward: (x: Tensor, p: FfnParams) => Tensor };
interface Input {
  x: Tensor;
  p: FfnParams;
}

function make(g: Parameters<typeof normal>[0], lead: number[], dModel: number, dFF: number): Input {
  return {
    x: normal(g, [...lead, dModel]),
    p: {
      w1: normal(g, [dFF, dModel], 1 / Math.sqrt(dModel)),
      b1: normal(g, [dFF], 0.5),
      w2: normal(g, [dModel, dFF], 1 / Math.sqrt(dFF)),
      b2: normal(g, [dModel], 0.5),
    },
  };
}

export default defineCheck<Impl, Input>({
  title: 'the position-wise feed-forward network',
  functions: ['feedForward'],
  reference:
    "PositionWiseFFN(dModel, dFF, { activation: 'gelu', dropout: 0 }) from @xf/ffn, weights loaded",
  referenceImpl: {
    feedForward: (x, p) => {
      const [dFF, dModel] = p.w1.shape;
      const ffn = new PositionWiseFFN(dModel, dFF, { activation: 'gelu', dropout: 0 });
      ffn.loadStateDict({
        'linear1.weight': p.w1,
        'linear1.bias': p.b1,
        'linear2.weight': p.w2,
        'linear2.bias': p.b2,
      });
      return ffn.forward(x);
    },
  },
  tolerance: { atol: 1e-5, rtol: 1e-4 },
  seed: 4100,
  cases: [
    { label: 'one token (length 1), 4 → 16 → 4', make: (g) => make(g, [1], 4, 16) },
    { label: 'tokens [2, 3, 8], dFF = 32', make: (g) => make(g, [2, 3], 8, 32) },
    {
      label: 'random sizes',
      make: (g) =>
        make(g, [between(g, 1, 3), between(g, 1, 5)], between(g, 2, 8), between(g, 4, 24)),
    },
  ],
  run: (impl, { x, p }) => impl.feedForward(x, p),
  mistakes: [
    {
      id: 'relu',
      title: 'relu instead of GELU',
      explain:
        'This network uses GELU between the projections (GPT-2, BERT). relu is the 2017 paper’s choice.',
      impl: { feedForward: (x, p) => linear(relu(linear(x, p.w1, p.b1)), p.w2, p.b2) },
    },
    {
      id: 'activation-last',
      title: 'activation after the second projection',
      explain:
        'The nonlinearity goes between the two projections: linear → GELU → linear. After the last one it only squashes the output.',
      impl: { feedForward: (x, p) => gelu(linear(linear(x, p.w1, p.b1), p.w2, p.b2)) },
    },
    {
      id: 'no-biases',
      title: 'biases left out',
      explain: 'Both projections have a bias here: linear(x, w, b) adds it.',
      impl: { feedForward: (x, p) => linear(gelu(linear(x, p.w1)), p.w2) },
    },
  ],
});
