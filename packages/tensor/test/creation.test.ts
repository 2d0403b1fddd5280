import { describe, expect, it } from 'vitest';
import * as xf from '../src/index.js';
import { Generator, manualSeed, tensor } from '../src/index.js';

describe('creation', () => {
  it('tensor from nested arrays, flat data with a shape, numbers and booleans', () => {
    const t = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(t.shape).toEqual([2, 3]);
    expect(t.data).toBeInstanceOf(Float32Array);
    expect(t.toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(tensor(new Float32Array([1, 2, 3, 4]), [2, 2]).toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(tensor(7).shape).toEqual([]);
    expect(tensor(7).item()).toBe(7);
    expect(tensor([true, false]).dtype).toBe('bool');
    expect(tensor([[]]).shape).toEqual([1, 0]);
  });

  it('explains ragged or invalid data', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(
      'tensor: ragged nested array at [1]: expected length 2, got 1',
    );
    expect(() => tensor([1, 2, 3], [2, 2])).toThrow('tensor: 3 values do not fill shape [2, 2]');
    expect(() => tensor([1, 'a' as unknown as number])).toThrow(/element 1 is string/);
    expect(() => xf.zeros(2, -1)).toThrow(
      'zeros: invalid shape [2, -1]: sizes must be non-negative integers',
    );
  });

  it('converts values to the dtype as PyTorch does, refusing what int32 storage cannot hold', () => {
    expect(tensor([0.5, -1.7, 2], { dtype: 'int32' }).toArray()).toEqual([0, -1, 2]);
    expect(tensor([0, 2, -0.5], { dtype: 'bool' }).toArray()).toEqual([false, true, true]);
    expect(tensor([1.9]).to('int32').toArray()).toEqual([1]);
    expect(() => tensor([2 ** 25], { dtype: 'int32' })).toThrow(
      /tensor: value 33554432 at index 0 cannot be an int32 here/,
    );
    expect(() => tensor([Number.NaN]).to('int32')).toThrow(
      /to: value NaN at index 0 cannot be an int32/,
    );
  });

  it('filled tensors accept sizes as arguments or an array', () => {
    expect(xf.zeros(2, 3).shape).toEqual([2, 3]);
    expect(xf.ones([2, 3], { requiresGrad: true }).requiresGrad).toBe(true);
    expect(xf.full([2], 3.5).toArray()).toEqual([3.5, 3.5]);
    expect(xf.zerosLike(tensor([[1, 2]])).shape).toEqual([1, 2]);
    expect(xf.eye(2, 3).toArray()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
    ]);
  });

  it('arange and linspace', () => {
    expect(xf.arange(4).toArray()).toEqual([0, 1, 2, 3]);
    expect(xf.arange(4).dtype).toBe('int32');
    expect(xf.arange(1, 2, 0.25).toArray()).toEqual([1, 1.25, 1.5, 1.75]);
    expect(xf.arange(1, 2, 0.25).dtype).toBe('float32');
    expect(xf.arange(5, 0, -2).toArray()).toEqual([5, 3, 1]);
    expect(xf.linspace(0, 1, 5).toArray()).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(() => xf.arange(0, 1, 0)).toThrow(/step must be a nonzero/);
  });

  it('prints like PyTorch', () => {
    expect(
      String(
        tensor([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toBe('tensor([[1., 2.],\n        [3., 4.]])');
    expect(String(tensor([0.5, -1.25]))).toBe('tensor([ 0.5000, -1.2500])');
    expect(String(tensor([1, 2], { requiresGrad: true }).mul(2))).toBe(
      'tensor([2., 4.], gradFn=<mul>)',
    );
    expect(String(xf.arange(3))).toBe('tensor([0, 1, 2], dtype=int32)');
    expect(String(xf.zeros(2000))).toMatch(/^tensor\(\[0\., 0\., 0\., \.\.\., 0\., 0\., 0\.\]\)$/);
  });
});

describe('random', () => {
  it('a seed reproduces a stream, and state can be saved and restored', () => {
    manualSeed(42);
    const a = xf.randn(5);
    manualSeed(42);
    const b = xf.randn(5);
    expect(b.toArray()).toEqual(a.toArray());
    const state = xf.getRngState();
    const c = xf.rand(3);
    xf.setRngState(state);
    expect(xf.rand(3).toArray()).toEqual(c.toArray());
    manualSeed(43);
    expect(xf.randn(5).toArray()).not.toEqual(a.toArray());
  });

  it('separate generators do not disturb each other', () => {
    const g1 = new Generator(7);
    const g2 = new Generator(7);
    xf.randn(10); // uses the default generator
    expect(xf.randn(3, { generator: g1 }).toArray()).toEqual(
      xf.randn([3], { generator: g2 }).toArray(),
    );
  });

  it('distributions have the right moments', () => {
    manualSeed(0);
    const n = xf.randn(20000);
    const mean = n.mean().item();
    const std = xf.std(n).item();
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(std - 1)).toBeLessThan(0.03);
    const u = xf.rand(20000);
    expect(Math.min(...u.data)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u.data)).toBeLessThan(1);
    expect(Math.abs(u.mean().item() - 0.5)).toBeLessThan(0.01);
    const r = xf.randint(3, 6, [1000]);
    expect(new Set(r.data)).toEqual(new Set([3, 4, 5]));
    expect(xf.randperm(6).data.slice().sort()).toEqual(Float32Array.from([0, 1, 2, 3, 4, 5]));
  });

  it('multinomial follows the weights, with and without replacement', () => {
    manualSeed(1);
    const draws = xf.multinomial(tensor([1, 0, 3]), 4000, { replacement: true });
    const counts = [0, 0, 0];
    for (const v of draws.data) counts[v]++;
    expect(counts[1]).toBe(0);
    expect(counts[2] / 4000).toBeGreaterThan(0.72);
    expect(counts[2] / 4000).toBeLessThan(0.78);
    const noRepeat = xf.multinomial(tensor([[1, 1, 1, 1]]), 4);
    expect(new Set(noRepeat.data).size).toBe(4);
    expect(() => xf.multinomial(tensor([1, 1]), 3)).toThrow(
      /cannot draw 3 samples without replacement from 2 categories/,
    );
    expect(() => xf.multinomial(tensor([1, -1]), 1)).toThrow(/invalid weight -1 at category 1/);
  });

  it('Generator.setState validates', () => {
    expect(() => new Generator(1).setState([1, 2])).toThrow(/four unsigned 32-bit integers/);
    expect(() => manualSeed(0.5)).toThrow(/safe integer/);
  });
});
