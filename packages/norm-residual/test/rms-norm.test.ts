import {
  add,
  assertGradcheck,
  mean,
  mul,
  rsqrt,
  setBackend,
  type Tensor,
  tensor,
  testing,
} from '@xf/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import { FLOAT32_EPS, RMSNorm, rmsNorm } from '../src/index.js';
import { normBackwardJs, normForwardJs } from '../src/kernels/norm-js.js';
import { configs, onJs, sample, TOL, valueAndGrads } from './helpers.js';

afterEach(() => setBackend('js'));

/** RMSNorm composed from tensor ops. */
function composed(x: Tensor, dims: number, w: Tensor | null, eps = FLOAT32_EPS): Tensor {
  const axes = Array.from({ length: dims }, (_, i) => x.ndim - dims + i);
  const y = mul(x, rsqrt(add(mean(mul(x, x), axes, true), eps)));
  return w ? mul(y, w) : y;
}

describe('rmsNorm values', () => {
  it('of [1, 2, 3] (hand-computed: rms = √(14/3))', () => {
    testing.assertClose(rmsNorm(tensor([1, 2, 3]), 3), [0.46291004, 0.92582009, 1.38873013], {
      atol: 1e-6,
    });
  });

  it('default eps is float32 machine epsilon, as PyTorch with eps=None', () => {
    expect(FLOAT32_EPS).toBe(1.1920928955078125e-7);
    expect(new RMSNorm(4).eps).toBeNull();
    // eps is visible on a vector of tiny values: x / √(x² + eps)
    const x = tensor([1e-4, 1e-4]);
    testing.assertClose(
      rmsNorm(x, 2),
      [1e-4 / Math.sqrt(1e-8 + FLOAT32_EPS), 1e-4 / Math.sqrt(1e-8 + FLOAT32_EPS)],
      {
        rtol: 1e-5,
      },
    );
    testing.assertClose(new RMSNorm(2).forward(x), rmsNorm(x, 2));
  });

  it('over two trailing dims equals the composed formula, values and gradients', () => {
    const x = sample([2, 3, 4], 1, true);
    const w = sample([3, 4], 2, true);
    const fused = valueAndGrads((xx, ww) => rmsNorm(xx, [3, 4], ww, 1e-6), [x, w]);
    const ref = valueAndGrads((xx, ww) => composed(xx, 2, ww, 1e-6), [x, w]);
    testing.assertClose(fused.y, ref.y, { atol: 1e-5, rtol: 1e-5 });
    testing.assertClose(fused.grads[0]!, ref.grads[0]!, { atol: 1e-5, rtol: 1e-4 });
    testing.assertClose(fused.grads[1]!, ref.grads[1]!, { atol: 1e-5, rtol: 1e-4 });
  });

  it('the js reference kernels equal the composition of tensor ops', () => {
    const x = sample([4, 5], 3, true);
    const w = sample([5], 4, true);
    const g = sample([4, 5], 5);
    const fwd = normForwardJs(x.data, w.data, null, 4, 5, 1e-6, false);
    const ref = composed(x, 1, w, 1e-6);
    testing.assertClose(fwd.y, ref.data, { atol: 1e-5, rtol: 1e-5 });
    expect(Array.from(fwd.mean)).toEqual([0, 0, 0, 0]);
    ref.backward(g);
    const bwd = normBackwardJs(x.data, w.data, g.data, fwd.mean, fwd.rstd, 4, 5, false, true);
    testing.assertClose(bwd.dx, x.grad!.data, { atol: 1e-5, rtol: 1e-4 });
    testing.assertClose(bwd.dweight!, w.grad!.data, { atol: 1e-5, rtol: 1e-4 });
  });
});

describe('rmsNorm gradients (finite differences)', () => {
  it('for input and weight', () => {
    assertGradcheck((x, w) => rmsNorm(x, 4, w), [sample([3, 4], 6, true), sample([4], 7, true)]);
  });
  it('for the input alone', () => {
    assertGradcheck((x) => rmsNorm(x, [2, 2], null, 1e-3), [sample([3, 2, 2], 8, true)]);
  });
});

describe('RMSNorm module', () => {
  it('mirrors torch.nn.RMSNorm: weight ones of normalizedShape, no bias', () => {
    const m = new RMSNorm([2, 3], { eps: 1e-6 });
    expect(m.eps).toBe(1e-6);
    expect(Object.keys(m.stateDict())).toEqual(['weight']);
    expect(m.weight!.shape).toEqual([2, 3]);
    expect(Array.from(m.weight!.data)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(new RMSNorm(3, { elementwiseAffine: false }).stateDict()).toEqual({});
  });

  it('forward equals the functional form', () => {
    const m = new RMSNorm(3, { eps: 1e-4 });
    m.weight!.data.set([1, -2, 0.5]);
    const x = sample([2, 3], 9);
    testing.assertClose(m.forward(x), rmsNorm(x, 3, m.weight, 1e-4));
  });
});

describe('every other backend matches the js reference', () => {
  for (const config of configs) {
    it(`rmsNorm forward and backward on ${config.label}`, () => {
      const run = () =>
        valueAndGrads(
          (x, w) => rmsNorm(x, 16, w),
          [sample([4, 3, 16], 30, true), sample([16], 31, true)],
        );
      const ref = onJs(run);
      config.use();
      const got = run();
      testing.assertClose(got.y, ref.y, { ...TOL, name: 'y' });
      testing.assertClose(got.grads[0]!, ref.grads[0]!, { ...TOL, name: 'dx' });
      testing.assertClose(got.grads[1]!, ref.grads[1]!, { ...TOL, name: 'dweight' });
      testing.assertClose(
        got.y,
        onJs(() => composed(sample([4, 3, 16], 30), 1, sample([16], 31))),
        TOL,
      );
    });
  }
});

describe('bad input', () => {
  it('names a normalizedShape that does not match the trailing dims', () => {
    expect(() => rmsNorm(sample([2, 3], 1), [2])).toThrow(
      'rmsNorm: normalizedShape [2] does not match the trailing dims of input of shape [2, 3] (expected input of shape [*, 2])',
    );
    expect(() => new RMSNorm(5).forward(sample([5, 4], 1))).toThrow(
      'RMSNorm: normalizedShape [5] does not match',
    );
  });
  it('names a weight of the wrong shape and a bad eps', () => {
    expect(() => rmsNorm(sample([2, 3], 1), 3, sample([2], 2))).toThrow(
      'rmsNorm: weight of shape [2] does not match normalizedShape [3]',
    );
    expect(() => new RMSNorm(3, { eps: -0.1 })).toThrow(
      'RMSNorm: eps must be a non-negative finite number, got -0.1',
    );
  });
});
