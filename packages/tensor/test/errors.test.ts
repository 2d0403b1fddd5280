/** Bad input gets an error that names the op and the shapes. */
import { describe, expect, it } from 'vitest';
import * as xf from '../src/index.js';
import { tensor } from '../src/index.js';

const m = (r: number, c: number) => xf.zeros(r, c);

describe('clear errors', () => {
  it('incompatible shapes name the op and both shapes', () => {
    expect(() => xf.add(m(2, 3), m(4, 1).reshape(4))).toThrow(
      'add: shapes [2, 3] and [4] cannot be broadcast together (dim -1: 3 vs 4)',
    );
    expect(() => xf.mul(m(2, 3), m(3, 2))).toThrow(/mul: shapes \[2, 3\] and \[3, 2\]/);
    expect(() => xf.matmul(m(2, 3), m(4, 5))).toThrow(
      'matmul: shapes [2, 3] and [4, 5] cannot be multiplied (3 != 4)',
    );
    expect(() => xf.matmul(xf.zeros(2, 2, 3), xf.zeros(3, 3, 2))).toThrow(
      /matmul: shapes \[2\] and \[3\] cannot be broadcast/,
    );
    expect(() => xf.matmul(tensor(1), m(1, 1))).toThrow(
      /matmul: both arguments need at least 1 dim/,
    );
    expect(() => xf.cat([m(2, 3), m(3, 3)], 1)).toThrow(
      'cat: tensors[1] has shape [3, 3], which does not match [2, 3] outside dim 1',
    );
    expect(() => xf.stack([m(2, 3), m(2, 2)])).toThrow(
      /stack: tensors\[1\] has shape \[2, 2\], expected \[2, 3\]/,
    );
    expect(() => xf.expand(m(2, 3), [4, 3])).toThrow(
      /expand: the input \[2, 3\] cannot be expanded to \[4, 3\]/,
    );
    expect(() => xf.where(tensor([true, false]), m(2, 3), 0)).toThrow(
      /where: shapes \[2\] and \[2, 3\]/,
    );
    expect(() => xf.maskedFill(m(2, 3), tensor([[true], [false], [true]]), 0)).toThrow(
      /maskedFill: shapes/,
    );
  });

  it('dims out of range name the op and the rank', () => {
    expect(() => xf.sum(m(2, 3), 2)).toThrow(
      'sum: dim 2 is out of range for a tensor of rank 2 (expected -2..1)',
    );
    expect(() => xf.softmax(m(2, 3), -3)).toThrow(/softmax: dim -3 is out of range/);
    expect(() => xf.transpose(m(2, 3), 0, 5)).toThrow(/transpose: dim 5/);
    expect(() => xf.permute(m(2, 3), [0])).toThrow(
      /permute: got 1 dims \[0\] for a tensor of rank 2/,
    );
    expect(() => xf.permute(m(2, 3), [0, 0])).toThrow(/repeat a dim/);
    expect(() => xf.narrow(m(2, 3), 1, 2, 2)).toThrow(
      'narrow: start 2 and length 2 do not fit dim 1 of size 3 in [2, 3]',
    );
    expect(() => xf.select(m(2, 3), 0, 2)).toThrow(
      /select: index 2 is out of range for dim 0 of size 2/,
    );
    expect(() => xf.split(xf.zeros(5), [2, 2])).toThrow(
      /split: sizes \[2, 2\] add up to 4, but dim 0 has size 5/,
    );
    expect(() => xf.amax(xf.zeros(0, 3), 0)).toThrow(/amax: cannot reduce over dim 0 of size 0/);
  });

  it('indices are checked', () => {
    expect(() => xf.indexSelect(m(3, 2), 0, [0, 3])).toThrow(
      'indexSelect: index 3 is out of range for dim 0 of size 3',
    );
    expect(() =>
      xf.gather(
        m(2, 2),
        1,
        tensor([
          [0, 2],
          [1, 1],
        ]),
      ),
    ).toThrow(/gather: index 2 is out of range for dim 1 of size 2/);
    expect(() => xf.gather(m(2, 2), 1, tensor([0, 1]))).toThrow(
      /gather: index of shape \[2\] does not fit input \[2, 2\]/,
    );
    expect(() => xf.oneHot(tensor([0, 5]), 3)).toThrow(/oneHot: index 5 is out of range/);
  });

  it('item and non-tensor arguments', () => {
    expect(() => m(2, 2).item()).toThrow(
      'item: only one-element tensors can be converted to a number, got shape [2, 2]',
    );
    expect(() => xf.add([1, 2] as unknown as xf.Tensor, 1)).toThrow(
      'add: expected a Tensor or a number, got an array (wrap it with tensor(...))',
    );
    expect(() => xf.matmul(m(2, 2), new Float32Array(4) as unknown as xf.Tensor)).toThrow(
      /matmul: other must be a Tensor, got a Float32Array/,
    );
    expect(() => xf.softmax(m(2, 2), undefined as unknown as number)).toThrow(
      /softmax: dim is required/,
    );
  });

  it('non-finite values are caught on request', () => {
    const x = tensor([
      [1, 2],
      [3, Number.NaN],
    ]);
    expect(() => xf.assertFinite(x, 'logits')).toThrow(
      'assertFinite: logits (shape [2, 2]) contains NaN at index [1, 1]',
    );
    expect(() => xf.assertFinite(tensor([Number.NEGATIVE_INFINITY]))).toThrow(
      /contains -inf at index \[0\]/,
    );
    expect(xf.allFinite(tensor([1, 2]))).toBe(true);
    expect(xf.isfinite(tensor([1, Number.POSITIVE_INFINITY, Number.NaN])).toArray()).toEqual([
      true,
      false,
      false,
    ]);
    expect(xf.isnan(tensor([1, Number.NaN])).toArray()).toEqual([false, true]);
  });

  it('NaN propagates through max/min and reductions as in PyTorch', () => {
    const x = tensor([1, Number.NaN, 3]);
    expect(Number.isNaN(xf.amax(x).item())).toBe(true);
    expect(Number.isNaN(xf.sum(x).item())).toBe(true);
    expect(Number.isNaN(xf.maximum(x, 2).data[1])).toBe(true);
    expect(Number.isNaN(xf.relu(x).data[1])).toBe(true);
    expect(xf.argmax(x).item()).toBe(1);
  });
});

describe('argument checks for every package', () => {
  it('name the op, the argument and what it got', () => {
    expect(() => xf.check.tensor('LayerNorm', 'input', [1, 2])).toThrow(
      'LayerNorm: input must be a Tensor, got an array',
    );
    expect(() => xf.check.positiveInt('Linear', 'inFeatures', 2.5)).toThrow(
      'Linear: inFeatures must be a positive integer, got 2.5',
    );
    expect(() => xf.check.positiveNumber('LayerNorm', 'eps', -1)).toThrow(
      'LayerNorm: eps must be a positive number, got -1',
    );
    expect(() => xf.check.probability('Dropout', 'p', 1.5)).toThrow(
      'Dropout: p must be a probability between 0 and 1, got 1.5',
    );
    expect(() => xf.check.boolean('Linear', 'bias', 'yes')).toThrow(
      'Linear: bias must be true or false, got "yes"',
    );
    expect(() => xf.check.choice('GPT', 'norm', 'mid', ['pre', 'post'])).toThrow(
      "GPT: norm must be 'pre' or 'post', got \"mid\"",
    );
    expect(xf.check.choice('GPT', 'norm', 'pre', ['pre', 'post'])).toBe('pre');
    expect(xf.check.describe(new Float32Array(2))).toBe('a Float32Array');
  });
});
