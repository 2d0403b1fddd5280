import { tensor } from '@xf/tensor';
import { describe, expect, it } from 'vitest';
import { compareValues, unravel, withinTolerance } from '../src/engine/compare.js';

const tol = { atol: 1e-5, rtol: 1e-4 };

describe('compareValues', () => {
  it('accepts values within tolerance, NaN matching NaN', () => {
    expect(compareValues(tensor([1, Number.NaN]), tensor([1.000001, Number.NaN]), tol)).toBeNull();
    expect(withinTolerance(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, tol)).toBe(true);
  });

  it('reports a shape mismatch with both shapes and a hint for permuted dims', () => {
    const m = compareValues(
      tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]),
      tensor([
        [1, 4],
        [2, 5],
        [3, 6],
      ]),
      tol,
    )!;
    expect(m.kind).toBe('shape');
    expect(m.expectedShape).toEqual([2, 3]);
    expect(m.actualShape).toEqual([3, 2]);
    expect(m.hint).toMatch(/transpose/);
  });

  it('reports the first mismatching index, the count, the max difference and the row', () => {
    const m = compareValues(
      tensor([
        [1, 2],
        [3, 4],
      ]),
      tensor([
        [1, 2],
        [3.5, 5],
      ]),
      tol,
    )!;
    expect(m.kind).toBe('values');
    expect(m.firstIndex).toEqual([1, 0]);
    expect(m.badCount).toBe(2);
    expect(m.maxAbsDiff).toBeCloseTo(1);
    expect(m.expectedRow).toEqual([3, 4]);
    expect(m.actualRow).toEqual([3.5, 5]);
  });

  it('notices a constant factor and NaN', () => {
    expect(compareValues(tensor([1, 2, 4]), tensor([2, 4, 8]), tol)?.hint).toMatch(/2 times/);
    const nan = compareValues(tensor([1, 2]), tensor([1, Number.NaN]), tol)!;
    expect(nan.hint).toMatch(/NaN/);
    expect(Number.isNaN(nan.maxAbsDiff)).toBe(true);
  });

  it('walks objects and arrays, naming the path', () => {
    const expected = { out: tensor([1]), merges: [{ left: 1, right: 2 }] };
    expect(
      compareValues(expected, { out: tensor([1]), merges: [{ left: 1, right: 3 }] }, tol)?.path,
    ).toBe('result.merges[0].right');
    expect(compareValues(expected, { out: tensor([1]) }, tol)?.kind).toBe('missing');
    expect(compareValues(expected, { out: tensor([1]), merges: [] }, tol)?.kind).toBe('length');
    expect(compareValues(tensor([1]), undefined, tol)?.message).toMatch(/undefined/);
  });

  it('treats a number and a 0-d tensor alike', () => {
    expect(compareValues(tensor(2.5), 2.5, tol)).toBeNull();
  });

  it('unravels flat indices', () => {
    expect(unravel(5, [2, 3])).toEqual([1, 2]);
  });
});
