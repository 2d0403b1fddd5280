import {
  add,
  assertGradcheck,
  manualSeed,
  mul,
  nn,
  setBackend,
  type Tensor,
  tensor,
  testing,
} from '@xf/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import { LayerNorm, layerNorm, Residual, residual, rmsNorm } from '../src/index.js';
import { configs, onJs, sample, TOL } from './helpers.js';

afterEach(() => setBackend('js'));

const ln = (t: Tensor) => layerNorm(t, t.shape[t.ndim - 1]);

describe('residual (functional)', () => {
  const x = sample([2, 3, 4], 1);
  const twice = (h: Tensor) => mul(h, 2);

  it('post-norm: norm(x + sublayer(x))', () => {
    testing.assertClose(residual(x, twice, ln, { norm: 'post' }), ln(mul(x, 3)));
  });

  it('pre-norm: x + sublayer(norm(x))', () => {
    testing.assertClose(residual(x, twice, ln, { norm: 'pre' }), add(x, mul(ln(x), 2)), {
      atol: 1e-6,
    });
  });

  it('hand-computed cases on x = [1, 2, 3]', () => {
    const v = tensor([1, 2, 3]);
    // pre: norm(x) = [-1.2247357, 0, 1.2247357], doubled, plus x
    testing.assertClose(residual(v, twice, ln, { norm: 'pre' }), [-1.4494714, 2, 5.4494714], {
      atol: 1e-5,
    });
    // post with a sublayer adding [0, 0, 3]: norm([1, 2, 6]), mean 3, variance 14/3
    const shift = (h: Tensor) => add(mul(h, 0), tensor([0, 0, 3]));
    const s = Math.sqrt(14 / 3 + 1e-5);
    testing.assertClose(residual(v, shift, ln, { norm: 'post' }), [-2 / s, -1 / s, 3 / s], {
      atol: 1e-6,
    });
  });

  it('dropout acts on the sublayer output only in training', () => {
    const ones = tensor(new Float32Array(64).fill(1), [64]);
    manualSeed(0);
    const trained = residual(
      ones,
      (h) => h,
      (h) => h,
      { norm: 'pre', dropout: 0.5 },
    );
    // each element is 1 + (0 or 2): never anything else
    expect(new Set(Array.from(trained.data))).toEqual(new Set([1, 3]));
    const evaluated = residual(
      ones,
      (h) => h,
      (h) => h,
      { norm: 'pre', dropout: 0.5, training: false },
    );
    testing.assertClose(evaluated, mul(ones, 2));
  });

  it('gradients flow through both paths (gradcheck)', () => {
    const w = sample([4, 4], 3);
    assertGradcheck(
      (xx) => residual(xx, (h) => nn.functional.linear(h, w), ln, { norm: 'pre' }),
      [sample([2, 4], 4, true)],
    );
    assertGradcheck(
      (xx) => residual(xx, (h) => nn.functional.linear(h, w), ln, { norm: 'post' }),
      [sample([2, 4], 5, true)],
    );
  });
});

describe('Residual module', () => {
  it('state dict: norm.* and sublayer.* when the sublayer is a Module', () => {
    const res = new Residual(new nn.Linear(4, 4), { dModel: 4 });
    expect(Object.keys(res.stateDict()).sort()).toEqual([
      'norm.bias',
      'norm.weight',
      'sublayer.bias',
      'sublayer.weight',
    ]);
    expect(res.norm).toBeInstanceOf(LayerNorm);
    expect(res.normFirst).toBe(false);
  });

  it('state dict: only norm.* when the sublayer is a function, norm.weight alone for RMSNorm', () => {
    expect(Object.keys(new Residual((h: Tensor) => h, { dModel: 4 }).stateDict())).toEqual([
      'norm.weight',
      'norm.bias',
    ]);
    expect(
      Object.keys(new Residual((h: Tensor) => h, { dModel: 4, normType: 'rms' }).stateDict()),
    ).toEqual(['norm.weight']);
    expect(
      Object.keys(new Residual((h: Tensor) => h, { dModel: 4, bias: false }).stateDict()),
    ).toEqual(['norm.weight']);
  });

  it('nests predictably inside a block', () => {
    class Block extends nn.Module {
      ffn = new Residual(new nn.Linear(4, 4), { dModel: 4, norm: 'pre' });
    }
    expect(Object.keys(new Block().stateDict()).sort()).toEqual([
      'ffn.norm.bias',
      'ffn.norm.weight',
      'ffn.sublayer.bias',
      'ffn.sublayer.weight',
    ]);
  });

  for (const norm of ['pre', 'post'] as const) {
    for (const normType of ['layer', 'rms'] as const) {
      it(`${norm}-norm with ${normType} norm equals the functional form`, () => {
        manualSeed(1);
        const lin = new nn.Linear(4, 4);
        const res = new Residual(lin, { dModel: 4, norm, normType, dropout: 0.3 }).eval();
        const x = sample([2, 3, 4], 6);
        const normalize = normType === 'layer' ? ln : (t: Tensor) => rmsNorm(t, 4);
        testing.assertClose(
          res.forward(x),
          residual(x, (h) => lin.forward(h), normalize, { norm }),
          { atol: 1e-6 },
        );
      });
    }
  }

  it('passes extra forward arguments to the sublayer', () => {
    const seen: unknown[] = [];
    const res = new Residual(
      (h: Tensor, memory: Tensor, flag: string) => {
        seen.push(memory.shape, flag);
        return h;
      },
      { dModel: 2, dropout: 0 },
    );
    res.forward(sample([3, 2], 7), sample([5, 2], 8), 'causal');
    expect(seen).toEqual([[5, 2], 'causal']);
  });

  it('train() and eval() reach the sublayer, dropout and norm', () => {
    const res = new Residual(new nn.Linear(2, 2), { dModel: 2 }).eval();
    expect(res.modules().every((m) => !m.training)).toBe(true);
  });

  it('gradients reach the input, the sublayer and the norm', () => {
    manualSeed(2);
    const res = new Residual(new nn.Linear(3, 3), { dModel: 3, norm: 'post', dropout: 0 });
    const x = sample([2, 3], 9, true);
    assertGradcheck((xx) => res.forward(xx), [x]);
    res
      .forward(x)
      .mul(sample([2, 3], 10))
      .sum()
      .backward();
    for (const [name, p] of res.namedParameters()) expect(p.grad, name).not.toBeNull();
  });

  for (const config of configs) {
    it(`every other backend matches the js reference: ${config.label}`, () => {
      const run = () => {
        manualSeed(3);
        const res = new Residual(new nn.Linear(8, 8), { dModel: 8, norm: 'post', dropout: 0 });
        const x = sample([2, 4, 8], 11, true);
        const y = res.forward(x);
        y.backward(sample([2, 4, 8], 12));
        return { y, dx: x.grad!, dw: res.norm.weight!.grad! };
      };
      const ref = onJs(run);
      config.use();
      const got = run();
      for (const key of ['y', 'dx', 'dw'] as const)
        testing.assertClose(got[key], ref[key], { ...TOL, name: key });
    });
  }

  describe('bad input', () => {
    it('names a sublayer output of another shape', () => {
      const res = new Residual(new nn.Linear(4, 5), { dModel: 4 });
      expect(() => res.forward(sample([2, 4], 1))).toThrow(
        'Residual: sublayer output has shape [2, 5] but its input has shape [2, 4]; a residual connection adds them, so they must match',
      );
      expect(() => residual(sample([2, 4], 1), (h) => h.sum(-1), ln, { norm: 'pre' })).toThrow(
        'residual: sublayer output has shape [2] but its input has shape [2, 4]',
      );
    });

    it('names an input that does not end in dModel', () => {
      expect(() =>
        new Residual((h: Tensor) => h, { dModel: 4 }).forward(sample([2, 3], 1)),
      ).toThrow('Residual: input of shape [2, 3] does not end in dModel = 4');
    });

    it('names bad options', () => {
      const id = (h: Tensor) => h;
      expect(() => new Residual(id, { dModel: 4, norm: 'middle' as 'pre' })).toThrow(
        `Residual: norm must be 'pre' or 'post', got "middle"`,
      );
      expect(() => new Residual(id, { dModel: 4, normType: 'batch' as 'layer' })).toThrow(
        `Residual: normType must be 'layer' or 'rms', got "batch"`,
      );
      expect(() => new Residual(id, { dModel: 0 })).toThrow(
        'Residual: dModel must be a positive integer, got 0',
      );
      expect(() => new Residual(id, { dModel: 4, dropout: 2 })).toThrow(
        'Residual: dropout must be a probability between 0 and 1, got 2',
      );
      expect(() => new Residual(42 as unknown as nn.Module, { dModel: 4 })).toThrow(
        'Residual: sublayer must be an nn.Module or a function, got number',
      );
      expect(() => residual(sample([2], 1), id, id, {} as { norm: 'pre' })).toThrow(
        `residual: norm must be 'pre' or 'post', got undefined`,
      );
    });
  });
});
