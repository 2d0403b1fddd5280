import { manualSeed, tensor, testing } from '@xf/tensor';
import { describe, expect, it } from 'vitest';
import {
  LearnedPositionalEmbedding,
  positionSimilarity,
  rotarySimilarity,
  sinusoidalTable,
} from '../src/index.js';
import { sample } from './helpers.js';

/** Largest gap between S[m, n] and S[m + s, n + s] over the table: 0 when S depends on n - m only. */
function shiftGap(s: { data: Float32Array; shape: readonly number[] }): number {
  const n = s.shape[0];
  let gap = 0;
  for (let m = 0; m + 1 < n; m++) {
    for (let k = 0; k + 1 < n; k++)
      gap = Math.max(gap, Math.abs(s.data[m * n + k] - s.data[(m + 1) * n + k + 1]));
  }
  return gap;
}

describe('positionSimilarity', () => {
  it('of the sinusoidal table: [maxLen, maxLen], symmetric, dModel/2 on the diagonal', () => {
    const s = positionSimilarity(sinusoidalTable(12, 16));
    expect(s.shape).toEqual([12, 12]);
    testing.assertClose(s, s.t());
    for (let i = 0; i < 12; i++) expect(s.data[i * 12 + i]).toBeCloseTo(8, 4); // Σ sin² + cos² over 8 pairs
  });

  it('sinusoidal: depends on the offset n - m only, equal to Σᵢ cos((n - m) ωᵢ)', () => {
    const d = 16;
    const s = positionSimilarity(sinusoidalTable(40, d));
    expect(shiftGap(s)).toBeLessThan(1e-4);
    const k = 5;
    let expected = 0;
    for (let i = 0; i < d / 2; i++) expected += Math.cos(k / 10000 ** ((2 * i) / d));
    expect(s.data[3 * 40 + 3 + k]).toBeCloseTo(expected, 4);
  });

  it('a learned (random) table has no such structure', () => {
    manualSeed(1);
    const s = positionSimilarity(new LearnedPositionalEmbedding(12, 16).weight.detach());
    expect(shiftGap(s)).toBeGreaterThan(1);
  });

  it('names a table that is not 2-D', () => {
    expect(() => positionSimilarity(tensor([1, 2]))).toThrow(
      'positionSimilarity: table must be 2-D [maxLen, dModel], got shape [2]',
    );
  });
});

describe('rotarySimilarity', () => {
  for (const interleaved of [false, true]) {
    it(`RoPE scores depend on the offset only (${interleaved ? 'interleaved' : 'halves'})`, () => {
      const q = sample([8], 2);
      const k = sample([8], 3);
      const s = rotarySimilarity(q, k, 30, { interleaved });
      expect(s.shape).toEqual([30, 30]);
      expect(shiftGap(s)).toBeLessThan(1e-4);
      // at equal positions the rotations cancel: the plain dot product
      let plain = 0;
      for (let i = 0; i < 8; i++) plain += q.data[i] * k.data[i];
      expect(s.data[7 * 30 + 7]).toBeCloseTo(plain, 5);
    });
  }

  it('a vector scores itself highest at distance 0 (rotations keep its length)', () => {
    const q = sample([4], 4);
    const s = rotarySimilarity(q, q, 5);
    for (let n = 1; n < 5; n++) expect(s.data[0]).toBeGreaterThan(s.data[n]);
  });

  it('names mismatched q and k', () => {
    expect(() => rotarySimilarity(sample([4], 1), sample([6], 2), 4)).toThrow(
      'rotarySimilarity: q and k must be 1-D of the same size [headDim], got [4] and [6]',
    );
  });
});
