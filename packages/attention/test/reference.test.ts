import { manualSeed, randn, tensor, testing, zeros } from '@xf/tensor';
import { describe, expect, it } from 'vitest';
import { attentionReference, causalMask, scaledDotProductAttention } from '../src/index.js';
import { flat, naiveAttention, rows, tol } from './helpers.js';

describe('attention values', () => {
  it('matches a 2-token example worked by hand', () => {
    // q = k = I, E = 2: row 0 scores [1/√2, 0], row 1 [0, 1/√2]
    const q = tensor([
      [1, 0],
      [0, 1],
    ]);
    const v = tensor([
      [1, 2],
      [3, 4],
    ]);
    // softmax([1/√2, 0]) = [σ, 1 − σ] with σ = 1 / (1 + e^(−1/√2)) = 0.669762
    const s = 0.669762;
    const expectedWeights = [s, 1 - s, 1 - s, s];
    const expectedOut = [
      s * 1 + (1 - s) * 3,
      s * 2 + (1 - s) * 4,
      (1 - s) * 1 + s * 3,
      (1 - s) * 2 + s * 4,
    ];
    for (const run of [
      attentionReference(q, q, v),
      scaledDotProductAttention(q, q, v, { returnWeights: true }),
    ]) {
      const [out, weights] = run;
      testing.assertClose(weights.data, expectedWeights, { atol: 1e-5 });
      testing.assertClose(out.data, expectedOut, { atol: 1e-5 });
      expect(out.shape).toEqual([2, 2]);
    }
  });

  it('attends uniformly when all scores are equal', () => {
    const q = zeros([1, 3, 4]); // q·k = 0 for every key
    manualSeed(1);
    const k = randn([1, 5, 4]);
    const v = randn([1, 5, 2]);
    const [out, weights] = scaledDotProductAttention(q, k, v, { returnWeights: true });
    testing.assertClose(weights.data, new Float32Array(15).fill(1 / 5), { atol: 1e-6 });
    const meanV = [0, 1].map((e) => rows(v).reduce((acc, r) => acc + r[e], 0) / 5);
    testing.assertClose(out.data, [...meanV, ...meanV, ...meanV], { atol: 1e-5 });
  });

  it('lets causal row 0 attend only to itself', () => {
    manualSeed(2);
    const q = randn([2, 4, 3]);
    const k = randn([2, 4, 3]);
    const v = randn([2, 4, 5]);
    const [out, weights] = scaledDotProductAttention(q, k, v, {
      isCausal: true,
      returnWeights: true,
    });
    for (let b = 0; b < 2; b++) {
      expect(rows(weights, b)[0]).toEqual([1, 0, 0, 0]);
      testing.assertClose(rows(out, b)[0], rows(v, b)[0], { atol: 1e-6 });
      // row i puts no weight after key i
      rows(weights, b).forEach((w, i) => {
        expect(w.slice(i + 1).every((x) => x === 0)).toBe(true);
      });
    }
  });

  it('weights rows sum to 1', () => {
    manualSeed(3);
    const [, weights] = scaledDotProductAttention(
      randn([3, 6, 4]),
      randn([3, 7, 4]),
      randn([3, 7, 2]),
      {
        returnWeights: true,
      },
    );
    for (let b = 0; b < 3; b++)
      for (const r of rows(weights, b)) expect(r.reduce((a, x) => a + x, 0)).toBeCloseTo(1, 5);
  });

  it('matches the definition computed with plain loops (mask, scale, L != S, Ev != E)', () => {
    manualSeed(4);
    const q = randn([2, 3, 4]);
    const k = randn([2, 5, 4]);
    const v = randn([2, 5, 3]);
    const allowed = (b: number) => (i: number, j: number) => (i + j + b) % 3 !== 0;
    const mask = tensor(
      [0, 1].map((b) => [0, 1, 2].map((i) => [0, 1, 2, 3, 4].map((j) => allowed(b)(i, j)))),
    );
    const scale = 0.3;
    const expected = [0, 1].map((b) =>
      naiveAttention(rows(q, b), rows(k, b), rows(v, b), { scale, allowed: allowed(b) }),
    );
    const options = { attnMask: mask, scale };
    const [refOut, refW] = attentionReference(q, k, v, options);
    const [out, w] = scaledDotProductAttention(q, k, v, { ...options, returnWeights: true });
    for (const [o, ww] of [
      [refOut, refW],
      [out, w],
    ]) {
      testing.assertClose(o.data, flat(expected.map((e) => e.out)), tol);
      testing.assertClose(ww.data, flat(expected.map((e) => e.weights)), tol);
    }
  });

  it('adds a float mask to the scores', () => {
    manualSeed(5);
    const q = randn([4, 3]);
    const k = randn([6, 3]);
    const v = randn([6, 2]);
    const bias = randn([4, 6]);
    const expected = naiveAttention(rows(q), rows(k), rows(v), {
      bias: (i, j) => bias.data[i * 6 + j],
    });
    const [out, w] = scaledDotProductAttention(q, k, v, { attnMask: bias, returnWeights: true });
    testing.assertClose(out.data, flat(expected.out), tol);
    testing.assertClose(w.data, flat(expected.weights), tol);
  });

  it('uses 1/√E by default and a given scale otherwise', () => {
    manualSeed(6);
    const q = randn([3, 16]);
    const k = randn([4, 16]);
    const v = randn([4, 2]);
    const byDefault = scaledDotProductAttention(q, k, v);
    const explicit = scaledDotProductAttention(q, k, v, { scale: 0.25 });
    testing.assertClose(byDefault, explicit, { atol: 1e-6 });
    const other = scaledDotProductAttention(q, k, v, { scale: 1 });
    testing.assertClose(
      other.data,
      flat(naiveAttention(rows(q), rows(k), rows(v), { scale: 1 }).out),
      tol,
    );
    expect(Math.max(...other.data.map((x, i) => Math.abs(x - byDefault.data[i])))).toBeGreaterThan(
      1e-3,
    );
  });

  it('isCausal is the same as the causalMask (top-left aligned when L != S)', () => {
    manualSeed(7);
    const q = randn([2, 3, 4]);
    const k = randn([2, 5, 4]);
    const v = randn([2, 5, 4]);
    const a = scaledDotProductAttention(q, k, v, { isCausal: true });
    const b = scaledDotProductAttention(q, k, v, { attnMask: causalMask(3, 5) });
    testing.assertClose(a, b, { atol: 0 });
    // top-left: query 0 sees key 0 only
    const [, w] = scaledDotProductAttention(q, k, v, { isCausal: true, returnWeights: true });
    expect(rows(w)[0].slice(1)).toEqual([0, 0, 0, 0]);
  });

  it('keeps batch dims and broadcasts them', () => {
    manualSeed(8);
    const q = randn([2, 3, 4, 8]);
    const k = randn([1, 3, 6, 8]);
    const v = randn([3, 6, 5]);
    const out = scaledDotProductAttention(q, k, v);
    expect(out.shape).toEqual([2, 3, 4, 5]);
    const [ref] = attentionReference(q, k, v);
    testing.assertClose(out, ref, tol);
    const oneHead = naiveAttention(rows(q, 4), rows(k, 1), rows(v, 1)); // q[1, 1] with k[0, 1], v[1]
    testing.assertClose(out.data.subarray(4 * 20, 5 * 20), flat(oneHead.out), tol);
  });

  it('gives a zero output when the values are zero and copies v when one key dominates', () => {
    const q = tensor([[10, 0]]);
    const k = tensor([
      [10, 0],
      [0, 0],
    ]);
    const v = tensor([
      [7, -1],
      [3, 3],
    ]);
    // score 100/√2 vs 0: all weight on key 0
    testing.assertClose(scaledDotProductAttention(q, k, v), tensor([[7, -1]]), { atol: 1e-5 });
    testing.assertClose(scaledDotProductAttention(q, k, zeros([2, 2])), zeros([1, 2]), { atol: 0 });
  });
});
