import {
  add,
  assertGradcheck,
  mean,
  mul,
  rsqrt,
  setBackend,
  sub,
  type Tensor,
  tensor,
  testing,
  variance,
} from '@xf/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import { LayerNorm, layerNorm } from '../src/index.js';
import { normForwardJs } from '../src/kernels/norm-js.js';
import { configs, onJs, sample, TOL, valueAndGrads } from './helpers.js';

afterEach(() => setBackend('js'));

/** LayerNorm composed from tensor ops: the independent formula the fused op must equal. */
function composed(x: Tensor, dims: number, w: Tensor | null, b: Tensor | null, eps = 1e-5): Tensor {
  const axes = Array.from({ length: dims }, (_, i) => x.ndim - dims + i);
  const centered = sub(x, mean(x, axes, true));
  const v = variance(x, axes, { correction: 0, keepdim: true });
  let y = mul(centered, rsqrt(add(v, eps)));
  if (w) y = mul(y, w);
  if (b) y = add(y, b);
  return y;
}

describe('layerNorm values', () => {
  it('of [1, 2, 3] (hand-computed: mean 2, biased variance 2/3)', () => {
    testing.assertClose(layerNorm(tensor([1, 2, 3]), [3]), [-1.2247356859, 0, 1.2247356859], {
      atol: 1e-6,
    });
  });

  it('with weight and bias', () => {
    const y = layerNorm(tensor([1, 2, 3]), 3, tensor([2, 0.5, -1]), tensor([0.1, 0.2, 0.3]));
    testing.assertClose(y, [-2.3494713718, 0.2, -0.9247356859], { atol: 1e-6 });
  });

  it('keeps its digits when the mean is large (two-pass variance)', () => {
    testing.assertClose(
      layerNorm(tensor([10000, 10001, 10002]), 3),
      [-1.2247356859, 0, 1.2247356859],
      {
        atol: 1e-5,
      },
    );
  });

  it('a constant row maps to the bias (variance 0, eps keeps it finite)', () => {
    testing.assertClose(
      layerNorm(tensor([5, 5, 5, 5]), 4, null, tensor([1, 2, 3, 4])),
      [1, 2, 3, 4],
    );
  });

  it('over several trailing dims equals the composed formula, values and gradients', () => {
    const x = sample([2, 3, 4], 1, true);
    const w = sample([3, 4], 2, true);
    const b = sample([3, 4], 3, true);
    const fused = valueAndGrads((xx, ww, bb) => layerNorm(xx, [3, 4], ww, bb), [x, w, b]);
    const ref = valueAndGrads((xx, ww, bb) => composed(xx, 2, ww, bb), [x, w, b]);
    for (const [i, g] of fused.grads.entries()) {
      testing.assertClose(g!, ref.grads[i]!, { atol: 1e-5, rtol: 1e-4, name: `grad ${i}` });
    }
    testing.assertClose(fused.y, ref.y, { atol: 1e-5, rtol: 1e-5 });
  });

  it('the js reference kernel equals the composition of tensor ops', () => {
    const x = sample([5, 6], 4);
    const w = sample([6], 5);
    const b = sample([6], 6);
    const { y, mean: mu, rstd } = normForwardJs(x.data, w.data, b.data, 5, 6, 1e-5, true);
    testing.assertClose(y, composed(x, 1, w, b).data, { atol: 1e-5, rtol: 1e-5 });
    testing.assertClose(mu, mean(x, 1).data, { atol: 1e-6 });
    testing.assertClose(rstd, rsqrt(add(variance(x, 1, { correction: 0 }), 1e-5)).data, {
      atol: 1e-5,
      rtol: 1e-5,
    });
  });

  it('without weight or bias equals the composed formula', () => {
    const x = sample([3, 5], 7, true);
    const fused = valueAndGrads((xx) => layerNorm(xx, 5), [x]);
    const ref = valueAndGrads((xx) => composed(xx, 1, null, null), [x]);
    testing.assertClose(fused.y, ref.y, { atol: 1e-5 });
    testing.assertClose(fused.grads[0]!, ref.grads[0]!, { atol: 1e-5, rtol: 1e-4 });
  });
});

describe('layerNorm gradients (finite differences)', () => {
  it('for input, weight and bias', () => {
    assertGradcheck(
      (x, w, b) => layerNorm(x, 4, w, b),
      [sample([3, 4], 8, true), sample([4], 9, true), sample([4], 10, true)],
    );
  });
  it('for the input alone, over two dims', () => {
    assertGradcheck((x) => layerNorm(x, [2, 3]), [sample([2, 2, 3], 11, true)]);
  });
  it('with a custom eps', () => {
    assertGradcheck((x) => layerNorm(x, 3, null, null, 0.5), [sample([2, 3], 12, true)]);
  });
});

describe('LayerNorm module', () => {
  it('mirrors torch.nn.LayerNorm: weight ones, bias zeros, shaped normalizedShape', () => {
    const ln = new LayerNorm([2, 3]);
    expect(ln.eps).toBe(1e-5);
    expect(ln.normalizedShape).toEqual([2, 3]);
    expect(ln.weight!.shape).toEqual([2, 3]);
    expect(Array.from(ln.weight!.data)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(Array.from(ln.bias!.data)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Object.keys(ln.stateDict())).toEqual(['weight', 'bias']);
  });

  it('elementwiseAffine: false and bias: false', () => {
    expect(new LayerNorm(4, { elementwiseAffine: false }).stateDict()).toEqual({});
    expect(Object.keys(new LayerNorm(4, { bias: false }).stateDict())).toEqual(['weight']);
  });

  it('forward equals the functional form with its parameters', () => {
    const ln = new LayerNorm(4, { eps: 1e-3 });
    ln.weight!.data.set([1, 2, 3, 4]);
    ln.bias!.data.set([0, 1, 0, -1]);
    const x = sample([2, 4], 13);
    testing.assertClose(ln.forward(x), layerNorm(x, [4], ln.weight, ln.bias, 1e-3));
  });

  it('parameters receive gradients', () => {
    const ln = new LayerNorm(3);
    ln.forward(sample([4, 3], 14))
      .mul(sample([4, 3], 15))
      .sum()
      .backward();
    expect(ln.weight!.grad).not.toBeNull();
    expect(ln.bias!.grad).not.toBeNull();
  });
});

describe('every other backend matches the js reference', () => {
  for (const config of configs) {
    for (const affine of [true, false]) {
      it(`layerNorm ${affine ? 'with' : 'without'} weight and bias on ${config.label}`, () => {
        const run = () =>
          valueAndGrads(
            (x, w, b) => layerNorm(x, 16, affine ? w : null, affine ? b : null),
            [
              sample([3, 5, 16], 20, true).mul(3).add(2).detach().requiresGrad_(),
              sample([16], 21, true),
              sample([16], 22, true),
            ],
          );
        const ref = onJs(run);
        config.use();
        const got = run();
        testing.assertClose(got.y, ref.y, { ...TOL, name: 'y' });
        testing.assertClose(got.grads[0]!, ref.grads[0]!, { ...TOL, name: 'dx' });
        if (affine) {
          testing.assertClose(got.grads[1]!, ref.grads[1]!, { ...TOL, name: 'dweight' });
          testing.assertClose(got.grads[2]!, ref.grads[2]!, { ...TOL, name: 'dbias' });
        }
        // and against the composed formula, so the reference itself is checked on each backend
        testing.assertClose(
          got.y,
          onJs(() =>
            composed(
              sample([3, 5, 16], 20).mul(3).add(2),
              1,
              affine ? sample([16], 21) : null,
              affine ? sample([16], 22) : null,
            ),
          ),
          TOL,
        );
      });
    }
  }
});

describe('bad input', () => {
  it('names a normalizedShape that does not match the trailing dims', () => {
    expect(() => layerNorm(sample([2, 3], 1), [4])).toThrow(
      'layerNorm: normalizedShape [4] does not match the trailing dims of input of shape [2, 3] (expected input of shape [*, 4])',
    );
    expect(() => new LayerNorm([2, 3]).forward(sample([3, 2], 1))).toThrow(
      'LayerNorm: normalizedShape [2, 3] does not match the trailing dims of input of shape [3, 2]',
    );
    expect(() => layerNorm(sample([3], 1), [1, 3])).toThrow(
      'layerNorm: normalizedShape [1, 3] does not match',
    );
  });

  it('names weight and bias of the wrong shape', () => {
    expect(() => layerNorm(sample([2, 3], 1), 3, sample([4], 2))).toThrow(
      'layerNorm: weight of shape [4] does not match normalizedShape [3]',
    );
    expect(() => layerNorm(sample([2, 3], 1), 3, null, sample([1, 3], 2))).toThrow(
      'layerNorm: bias of shape [1, 3] does not match normalizedShape [3]',
    );
  });

  it('names a bad normalizedShape or eps', () => {
    expect(() => new LayerNorm(0)).toThrow(
      'LayerNorm: normalizedShape must be a positive integer or a non-empty list of them, got 0',
    );
    expect(() => new LayerNorm([])).toThrow('LayerNorm: normalizedShape must be');
    expect(() => new LayerNorm(3, { eps: -1 })).toThrow(
      'LayerNorm: eps must be a non-negative finite number, got -1',
    );
    expect(() => layerNorm(sample([3], 1), 3, null, null, Number.NaN)).toThrow(
      'layerNorm: eps must be',
    );
  });

  it('names a non-tensor input', () => {
    expect(() => layerNorm([1, 2, 3] as unknown as Tensor, 3)).toThrow(
      'layerNorm: input must be a Tensor, got an array',
    );
  });
});
