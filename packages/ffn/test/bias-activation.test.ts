import { add, assertGradcheck, setBackend, type Tensor, tensor, testing } from '@xf/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ActivationName,
  activationNames,
  biasActivation,
  gelu,
  relu,
  silu,
} from '../src/index.js';
import {
  biasActivationBackwardJs,
  biasActivationForwardJs,
} from '../src/kernels/bias-activation-js.js';
import { configs, onJs, sample, TOL, valueAndGrads } from './helpers.js';

afterEach(() => setBackend('js'));

const unfused: Record<ActivationName, (t: Tensor) => Tensor> = {
  relu,
  gelu: (t) => gelu(t),
  'gelu-tanh': (t) => gelu(t, { approximate: 'tanh' }),
  silu,
};

describe('biasActivation', () => {
  it('adds the bias along the last dim before the activation (hand-computed relu)', () => {
    const y = biasActivation(
      tensor([
        [1, -2, 0.5],
        [-1, 3, -0.5],
      ]),
      tensor([0.5, 1, -1]),
      'relu',
    );
    expect(y.toArray()).toEqual([
      [1.5, 0, 0],
      [0, 4, 0],
    ]);
  });

  for (const act of activationNames) {
    it(`${act}: equals the activation of x + bias, values and gradients`, () => {
      const x = sample([2, 3, 5], 1, true);
      const b = sample([5], 2, true);
      const fused = valueAndGrads((xx, bb) => biasActivation(xx, bb, act), [x, b]);
      const composed = valueAndGrads((xx, bb) => unfused[act](add(xx, bb)), [x, b]);
      testing.assertClose(fused.y, composed.y, { atol: 1e-6, rtol: 1e-5 });
      testing.assertClose(fused.grads[0]!, composed.grads[0]!, { atol: 1e-5, rtol: 1e-5 });
      testing.assertClose(fused.grads[1]!, composed.grads[1]!, { atol: 1e-5, rtol: 1e-5 });
    });

    it(`${act}: gradcheck for input and bias`, () => {
      // shift away from relu's kink at 0
      const x = tensor(
        [
          [0.3, -1.2, 2.1, -0.4],
          [1.7, 0.25, -0.9, 0.6],
        ],
        { requiresGrad: true },
      );
      const b = tensor([0.1, -0.2, 0.35, 0.05], { requiresGrad: true });
      assertGradcheck((xx, bb) => biasActivation(xx, bb, act), [x, b]);
    });
  }

  it('with a null bias is the plain activation', () => {
    const x = sample([3, 4], 3);
    testing.assertClose(biasActivation(x, null, 'silu'), silu(x));
  });

  it('gives no bias gradient when the bias does not require grad', () => {
    const x = sample([2, 4], 4, true);
    const b = sample([4], 5);
    biasActivation(x, b, 'gelu').sum().backward();
    expect(x.grad).not.toBeNull();
    expect(b.grad).toBeNull();
  });

  it('hand-computed relu gradients: dx where x + b > 0, dbias the column sums', () => {
    // x + b = [[1, -4], [2, 2]]: relu passes g at (0, 0), (1, 0), (1, 1)
    expect(
      Array.from(
        biasActivationBackwardJs(
          new Float32Array([1, -5, 2, 1]),
          new Float32Array([0, 1]),
          new Float32Array([10, 20, 30, 40]),
          2,
          'relu',
        ),
      ),
    ).toEqual([10, 0, 30, 40]);
    expect(
      Array.from(
        biasActivationForwardJs(new Float32Array([1, -5]), new Float32Array([0, 1]), 2, 'relu'),
      ),
    ).toEqual([1, 0]);
    const x = tensor(
      [
        [1, -5],
        [2, 1],
      ],
      { requiresGrad: true },
    );
    const b = tensor([0, 1], { requiresGrad: true });
    biasActivation(x, b, 'relu').backward(
      tensor([
        [10, 20],
        [30, 40],
      ]),
    );
    expect(x.grad!.toArray()).toEqual([
      [10, 0],
      [30, 40],
    ]);
    expect(b.grad!.toArray()).toEqual([40, 40]);
  });
});

describe('every other backend matches the js reference', () => {
  for (const config of configs) {
    for (const act of activationNames) {
      for (const withBias of [true, false]) {
        it(`${act}${withBias ? ' with bias' : ''} on ${config.label}`, () => {
          const run = () => {
            const x = sample([3, 4, 6], 7, true);
            const b = withBias ? sample([6], 8, true) : null;
            return valueAndGrads(
              (xx, bb) => biasActivation(xx, withBias ? bb : null, act),
              b ? [x, b] : [x, sample([6], 8)],
            );
          };
          const ref = onJs(run);
          config.use();
          const got = run();
          testing.assertClose(got.y, ref.y, { ...TOL, name: 'y' });
          testing.assertClose(got.grads[0]!, ref.grads[0]!, { ...TOL, name: 'dx' });
          if (withBias)
            testing.assertClose(got.grads[1]!, ref.grads[1]!, { ...TOL, name: 'dbias' });
        });
      }
    }
  }
});

describe('bad input', () => {
  it('names an unknown activation', () => {
    expect(() => biasActivation(tensor([1]), null, 'tanh' as ActivationName)).toThrow(
      "biasActivation: unknown activation 'tanh' (expected one of relu, gelu, gelu-tanh, silu)",
    );
  });

  it('names a bias that does not match the last dim', () => {
    expect(() => biasActivation(sample([2, 4], 1), sample([5], 2), 'relu')).toThrow(
      'biasActivation: bias of shape [5] does not match the last dim of input [2, 4] (expected [4])',
    );
    expect(() => biasActivation(sample([2, 4], 1), sample([1, 4], 2), 'relu')).toThrow(
      'biasActivation: bias of shape [1, 4] does not match',
    );
  });
});
