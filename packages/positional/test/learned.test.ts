import { assertGradcheck, manualSeed, tensor, testing } from '@xf/tensor';
import { describe, expect, it } from 'vitest';
import { LearnedPositionalEmbedding } from '../src/index.js';

describe('LearnedPositionalEmbedding', () => {
  it('has one learned vector per position, as a parameter named weight', () => {
    manualSeed(0);
    const wpe = new LearnedPositionalEmbedding(10, 4);
    expect(Object.keys(wpe.stateDict())).toEqual(['weight']);
    expect(wpe.weight.shape).toEqual([10, 4]);
    expect(wpe.weight.requiresGrad).toBe(true);
    expect(wpe.numParameters()).toBe(40);
  });

  it('a length gives rows 0..seq-1; an offset shifts them', () => {
    const wpe = new LearnedPositionalEmbedding(6, 2);
    wpe.weight.data.set([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(wpe.forward(3).toArray()).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
    expect(wpe.forward(2, 4).toArray()).toEqual([
      [4, 4],
      [5, 5],
    ]);
  });

  it('explicit positions keep their shape', () => {
    const wpe = new LearnedPositionalEmbedding(6, 2);
    wpe.weight.data.set([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    const out = wpe.forward(
      tensor(
        [
          [0, 2],
          [1, 3],
        ],
        { dtype: 'int32' },
      ),
      1,
    );
    expect(out.shape).toEqual([2, 2, 2]);
    expect(out.toArray()).toEqual([
      [
        [1, 1],
        [3, 3],
      ],
      [
        [2, 2],
        [4, 4],
      ],
    ]);
    expect(wpe.forward([5]).toArray()).toEqual([[5, 5]]);
  });

  it('sends gradients to the rows it used (and repeated rows add up)', () => {
    const wpe = new LearnedPositionalEmbedding(4, 3);
    wpe.forward([1, 1, 3]).sum().backward();
    testing.assertClose(wpe.weight.grad!.data, [0, 0, 0, 2, 2, 2, 0, 0, 0, 1, 1, 1]);
    const w = wpe.weight.detach().clone().requiresGrad_();
    assertGradcheck(
      (ww) => {
        wpe.weight = ww as typeof wpe.weight;
        return wpe.forward(3, 1);
      },
      [w],
    );
  });

  it('names positions out of range', () => {
    const wpe = new LearnedPositionalEmbedding(5, 2);
    expect(() => wpe.forward(6)).toThrow(
      'LearnedPositionalEmbedding: a sequence of length 6 at offset 0 needs positions up to 5, but maxLen = 5',
    );
    expect(() => wpe.forward(3, 3)).toThrow(
      'a sequence of length 3 at offset 3 needs positions up to 5',
    );
    expect(() => wpe.forward([0, 5])).toThrow(
      'LearnedPositionalEmbedding: position 5 (at index 1 of positions [2], offset 0) is out of range for maxLen = 5',
    );
    expect(() => wpe.forward([1.5])).toThrow('position 1.5');
    expect(() => wpe.forward(2, -1)).toThrow(
      'LearnedPositionalEmbedding: offset must be a non-negative integer, got -1',
    );
    expect(() => new LearnedPositionalEmbedding(0, 4)).toThrow(
      'LearnedPositionalEmbedding: maxLen must be a positive integer, got 0',
    );
  });
});
