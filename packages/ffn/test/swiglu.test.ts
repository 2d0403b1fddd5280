import { assertGradcheck, manualSeed, mul, type nn, setBackend, tensor, testing } from '@xf/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import { SwiGLU, silu, swigluHiddenDim } from '../src/index.js';
import { configs, onJs, sample, TOL } from './helpers.js';

afterEach(() => setBackend('js'));

describe('SwiGLU', () => {
  it("uses LLaMA's names w1, w2, w3 and layouts, no bias by default", () => {
    const m = new SwiGLU(6, 10);
    const shapes = Object.fromEntries(Object.entries(m.stateDict()).map(([k, v]) => [k, v.shape]));
    expect(shapes).toEqual({ 'w1.weight': [10, 6], 'w2.weight': [6, 10], 'w3.weight': [10, 6] });
    expect(Object.keys(new SwiGLU(6, 10, { bias: true }).stateDict()).sort()).toEqual([
      'w1.bias',
      'w1.weight',
      'w2.bias',
      'w2.weight',
      'w3.bias',
      'w3.weight',
    ]);
  });

  it('default hidden: 8/3 dModel rounded up to a multiple', () => {
    expect(swigluHiddenDim(64)).toBe(176); // 170.67 -> 176
    expect(swigluHiddenDim(48)).toBe(128); // exactly 128
    expect(swigluHiddenDim(4096, 256)).toBe(11008); // LLaMA-7B's width
    expect(new SwiGLU(64).hidden).toBe(176);
    expect(new SwiGLU(64, undefined, { multipleOf: 64 }).hidden).toBe(192);
  });

  it('as many weights as a 4 dModel FFN (up to rounding)', () => {
    const m = new SwiGLU(48);
    expect(m.numParameters()).toBe(3 * 48 * 128);
    expect(m.numParameters()).toBe(2 * 48 * 4 * 48);
  });

  it('equals w2(silu(w1 x) * w3 x)', () => {
    manualSeed(1);
    const m = new SwiGLU(5, 7, { bias: true });
    const x = sample([2, 3, 5], 2);
    const expected = m.w2.forward(mul(silu(m.w1.forward(x)), m.w3.forward(x)));
    testing.assertClose(m.forward(x), expected, { atol: 1e-6, rtol: 1e-5 });
  });

  it('a hand-computed case: dModel = hidden = 1', () => {
    const m = new SwiGLU(1, 1);
    m.w1.weight.data.set([1]);
    m.w3.weight.data.set([2]);
    m.w2.weight.data.set([3]);
    // x = 1: silu(1) * 2 * 3 = 0.7310586 * 6
    expect(m.forward(tensor([1])).item()).toBeCloseTo(6 * 0.7310585786300049, 5);
  });

  it('gradcheck through the module, for the input and all three projections', () => {
    manualSeed(3);
    const m = new SwiGLU(3, 4, { bias: true });
    assertGradcheck(
      (x, w1, w2, w3, b1) => {
        m.w1.weight = w1 as nn.Parameter;
        m.w2.weight = w2 as nn.Parameter;
        m.w3.weight = w3 as nn.Parameter;
        m.w1.bias = b1 as nn.Parameter;
        return m.forward(x);
      },
      [sample([2, 3], 4, true), m.w1.weight, m.w2.weight, m.w3.weight, m.w1.bias!],
    );
  });

  for (const config of configs) {
    it(`every other backend matches the js reference: ${config.label}`, () => {
      const run = () => {
        manualSeed(5);
        const m = new SwiGLU(8, 12, { bias: true });
        const x = sample([3, 8], 6, true);
        const y = m.forward(x);
        y.backward(sample([3, 8], 7));
        return { y, dx: x.grad!, dw1: m.w1.weight.grad!, db1: m.w1.bias!.grad! };
      };
      const ref = onJs(run);
      config.use();
      const got = run();
      for (const key of ['y', 'dx', 'dw1', 'db1'] as const) {
        testing.assertClose(got[key], ref[key], { ...TOL, name: key });
      }
    });
  }

  it('names bad input', () => {
    expect(() => new SwiGLU(4).forward(sample([2, 3], 1))).toThrow(
      'SwiGLU: input of shape [2, 3] does not end in dModel = 4',
    );
    expect(() => new SwiGLU(4, -2)).toThrow('SwiGLU: hidden must be a positive integer, got -2');
    expect(() => new SwiGLU(4, undefined, { multipleOf: 0 })).toThrow(
      'swigluHiddenDim: multipleOf must be a positive integer, got 0',
    );
  });
});
