import {
  assertGradcheck,
  manualSeed,
  type nn,
  setBackend,
  type Tensor,
  tensor,
  testing,
} from '@xf/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ActivationName,
  activationNames,
  gelu,
  PositionWiseFFN,
  relu,
  silu,
} from '../src/index.js';
import { configs, onJs, sample, TOL } from './helpers.js';

afterEach(() => setBackend('js'));

const plain: Record<ActivationName, (t: Tensor) => Tensor> = {
  relu,
  gelu: (t) => gelu(t),
  'gelu-tanh': (t) => gelu(t, { approximate: 'tanh' }),
  silu,
};

describe('PositionWiseFFN', () => {
  it('has torch.nn.TransformerEncoderLayer-style parameter names and layouts', () => {
    const ffn = new PositionWiseFFN(8, 32);
    const shapes = Object.fromEntries(
      Object.entries(ffn.stateDict()).map(([k, v]) => [k, v.shape]),
    );
    expect(shapes).toEqual({
      'linear1.weight': [32, 8],
      'linear1.bias': [32],
      'linear2.weight': [8, 32],
      'linear2.bias': [8],
    });
    expect(Object.keys(new PositionWiseFFN(8, 32, { bias: false }).stateDict())).toEqual([
      'linear1.weight',
      'linear2.weight',
    ]);
  });

  it('defaults: dFF = 4 dModel, relu, dropout 0.1', () => {
    const ffn = new PositionWiseFFN(6);
    expect(ffn.dFF).toBe(24);
    expect(ffn.activation).toBe('relu');
    expect(ffn.dropout.p).toBe(0.1);
  });

  for (const activation of activationNames) {
    it(`${activation}: equals linear2(act(linear1(x))) in eval mode`, () => {
      manualSeed(1);
      const ffn = new PositionWiseFFN(4, 12, { activation }).eval();
      const x = sample([2, 3, 4], 2);
      const expected = ffn.linear2.forward(plain[activation](ffn.linear1.forward(x)));
      testing.assertClose(ffn.forward(x), expected, { atol: 1e-5, rtol: 1e-5 });
    });
  }

  it('a hand-computed case: one unit, relu', () => {
    const ffn = new PositionWiseFFN(1, 2, { dropout: 0 });
    ffn.linear1.weight.data.set([1, -1]);
    ffn.linear1.bias!.data.set([0, 0]);
    ffn.linear2.weight.data.set([2, 2]);
    ffn.linear2.bias!.data.set([0.5]);
    // x = 3: hidden relu([3, -3]) = [3, 0], out = 2 * 3 + 2 * 0 + 0.5
    expect(ffn.forward(tensor([3])).item()).toBeCloseTo(6.5, 6);
  });

  it('applies dropout only in training', () => {
    manualSeed(3);
    const ffn = new PositionWiseFFN(4, 64, { dropout: 0.5 });
    const x = sample([5, 4], 4);
    const a = ffn.forward(x);
    const b = ffn.forward(x);
    expect(testing.compareClose(a, b).ok).toBe(false);
    ffn.eval();
    testing.assertClose(ffn.forward(x), ffn.forward(x));
  });

  it('gradcheck through the module, for the input and every parameter', () => {
    manualSeed(5);
    const ffn = new PositionWiseFFN(3, 5, { activation: 'gelu', dropout: 0 });
    const { weight: w1, bias: b1 } = ffn.linear1;
    const { weight: w2, bias: b2 } = ffn.linear2;
    assertGradcheck(
      (x, ww1, bb1, ww2, bb2) => {
        // gradcheck perturbs copies of the inputs: run the module on them
        ffn.linear1.weight = ww1 as nn.Parameter;
        ffn.linear1.bias = bb1 as nn.Parameter;
        ffn.linear2.weight = ww2 as nn.Parameter;
        ffn.linear2.bias = bb2 as nn.Parameter;
        return ffn.forward(x);
      },
      [sample([2, 3], 6, true), w1, b1!, w2, b2!],
    );
  });

  for (const config of configs) {
    it(`every other backend matches the js reference: ${config.label}`, () => {
      const run = () => {
        manualSeed(7);
        const ffn = new PositionWiseFFN(8, 16, { activation: 'gelu-tanh', dropout: 0 });
        const x = sample([2, 5, 8], 8, true);
        const y = ffn.forward(x);
        y.backward(sample([2, 5, 8], 9));
        return { y, dx: x.grad!, dw1: ffn.linear1.weight.grad!, db1: ffn.linear1.bias!.grad! };
      };
      const ref = onJs(run);
      config.use();
      const got = run();
      for (const key of ['y', 'dx', 'dw1', 'db1'] as const) {
        testing.assertClose(got[key], ref[key], { ...TOL, name: key });
      }
    });
  }

  describe('bad input', () => {
    it('names an unknown activation', () => {
      expect(() => new PositionWiseFFN(4, 8, { activation: 'swish' as ActivationName })).toThrow(
        "PositionWiseFFN: unknown activation 'swish' (expected one of relu, gelu, gelu-tanh, silu)",
      );
    });
    it('names an input that does not end in dModel', () => {
      expect(() => new PositionWiseFFN(4, 8).forward(sample([2, 5], 1))).toThrow(
        'PositionWiseFFN: input of shape [2, 5] does not end in dModel = 4',
      );
    });
    it('names bad sizes and dropout', () => {
      expect(() => new PositionWiseFFN(0)).toThrow(
        'PositionWiseFFN: dModel must be a positive integer, got 0',
      );
      expect(() => new PositionWiseFFN(4, 2.5)).toThrow(
        'PositionWiseFFN: dFF must be a positive integer, got 2.5',
      );
      expect(() => new PositionWiseFFN(4, 8, { dropout: 1.5 })).toThrow(
        'PositionWiseFFN: dropout must be a probability between 0 and 1, got 1.5',
      );
    });
  });
});
