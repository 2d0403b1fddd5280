import { expand, manualSeed, randn, tensor, testing } from '@xf/tensor';
import { describe, expect, it } from 'vitest';
import {
  asKeyPaddingMask,
  causalMask,
  combineMasks,
  maskToBias,
  paddingMask,
  paddingMaskFromLengths,
  scaledDotProductAttention,
} from '../src/index.js';
import { rows } from './helpers.js';

describe('mask builders', () => {
  it('causalMask is lower-triangular [L, S], true = attend', () => {
    const m = causalMask(3);
    expect(m.shape).toEqual([3, 3]);
    expect(m.dtype).toBe('bool');
    expect(m.toArray()).toEqual([
      [true, false, false],
      [true, true, false],
      [true, true, true],
    ]);
    // top-left aligned for L != S, as isCausal
    expect(causalMask(2, 4).toArray()).toEqual([
      [true, false, false, false],
      [true, true, false, false],
    ]);
    // diagonal S - L: the 2 newest queries after 2 cached keys
    expect(causalMask(2, 4, 2).toArray()).toEqual([
      [true, true, true, false],
      [true, true, true, true],
    ]);
  });

  it('paddingMaskFromLengths is [B, 1, 1, S], true for the first length keys', () => {
    const m = paddingMaskFromLengths([3, 1, 0], 4);
    expect(m.shape).toEqual([3, 1, 1, 4]);
    expect(m.dtype).toBe('bool');
    expect(m.reshape(3, 4).toArray()).toEqual([
      [true, true, true, false],
      [true, false, false, false],
      [false, false, false, false],
    ]);
    expect(
      paddingMaskFromLengths(tensor([2, 2], { dtype: 'int32' }), 2)
        .reshape(2, 2)
        .toArray(),
    ).toEqual([
      [true, true],
      [true, true],
    ]);
  });

  it('paddingMask marks the pad id as false, shape [B, 1, 1, S]', () => {
    const ids = tensor(
      [
        [5, 7, 0, 0],
        [0, 3, 9, 0],
      ],
      { dtype: 'int32' },
    );
    const m = paddingMask(ids, 0);
    expect(m.shape).toEqual([2, 1, 1, 4]);
    expect(m.reshape(2, 4).toArray()).toEqual([
      [true, true, false, false],
      [false, true, true, false],
    ]);
  });

  it('combineMasks ands bool masks and broadcasts them to [B, 1, L, S]', () => {
    const m = combineMasks(causalMask(3), paddingMaskFromLengths([2, 3], 3), null);
    expect(m?.shape).toEqual([2, 1, 3, 3]);
    expect(m?.dtype).toBe('bool');
    expect(m?.reshape(2, 3, 3).toArray()).toEqual([
      [
        [true, false, false],
        [true, true, false],
        [true, true, false],
      ],
      [
        [true, false, false],
        [true, true, false],
        [true, true, true],
      ],
    ]);
    expect(combineMasks()).toBeNull();
    expect(combineMasks(undefined, null)).toBeNull();
  });

  it('combineMasks adds float masks, turning bool ones into 0 / −∞', () => {
    const m = combineMasks(
      tensor([true, false]),
      tensor([
        [0.5, 1],
        [2, 3],
      ]),
    );
    expect(m?.dtype).toBe('float32');
    expect(m?.toArray()).toEqual([
      [0.5, Number.NEGATIVE_INFINITY],
      [2, Number.NEGATIVE_INFINITY],
    ]);
    expect(maskToBias(tensor([true, false])).toArray()).toEqual([0, Number.NEGATIVE_INFINITY]);
  });

  it('asKeyPaddingMask flips to PyTorch key_padding_mask (true = ignore), [B, S]', () => {
    const attend = paddingMaskFromLengths([1, 2], 2);
    expect(asKeyPaddingMask(attend).toArray()).toEqual([
      [false, true],
      [false, false],
    ]);
  });

  it('builders reject bad input with the argument named', () => {
    expect(() => paddingMaskFromLengths([5], 4)).toThrow(
      'lengths[0] = 5 must be an integer between 0 and S = 4',
    );
    expect(() => paddingMaskFromLengths([1.5], 4)).toThrow('lengths[0] = 1.5');
    expect(() => paddingMaskFromLengths(tensor([[1]]), 4)).toThrow(
      'lengths must be 1-D [B], got shape [1, 1]',
    );
    expect(() => paddingMask(tensor([1, 2]), 0)).toThrow(
      'paddingMask: ids must be 2-D [B, S], got shape [2]',
    );
    expect(() => causalMask(-1)).toThrow('causalMask: L must be a non-negative integer, got -1');
    expect(() => causalMask(2, 2, 0.5)).toThrow('causalMask: diagonal must be an integer, got 0.5');
    expect(() => combineMasks(causalMask(3), causalMask(2))).toThrow(
      'combineMasks: mask shapes [3, 3], [2, 2] do not broadcast together',
    );
    expect(() => combineMasks(tensor([1, 2], { dtype: 'int32' }))).toThrow(
      'combineMasks: mask 0 must be bool',
    );
    expect(() => asKeyPaddingMask(tensor([[1, 0]]))).toThrow(
      'asKeyPaddingMask: expects a bool mask',
    );
  });
});

describe('masks in attention', () => {
  manualSeed(3);
  const q = randn([2, 3, 4, 5]);
  const k = randn([2, 3, 6, 5]);
  const v = randn([2, 3, 6, 2]);

  it('a bool mask equals the float mask with 0 where true and −∞ where false', () => {
    const mask = combineMasks(causalMask(4, 6, 2), paddingMaskFromLengths([6, 4], 6))!;
    const a = scaledDotProductAttention(q, k, v, { attnMask: mask });
    const b = scaledDotProductAttention(q, k, v, { attnMask: maskToBias(mask) });
    testing.assertClose(a, b, { atol: 0 });
  });

  it('a float mask shifts the scores before the softmax', () => {
    // adding log(c_j) multiplies each key's unnormalised weight by c_j
    const c = [1, 2, 0.5, 1, 3, 1];
    const [, plain] = scaledDotProductAttention(q, k, v, { returnWeights: true });
    const [, shifted] = scaledDotProductAttention(q, k, v, {
      attnMask: tensor(c.map(Math.log)),
      returnWeights: true,
    });
    const p = rows(plain, 0)[1];
    const expected = p.map((x, j) => x * c[j]);
    const total = expected.reduce((a, b) => a + b, 0);
    testing.assertClose(
      rows(shifted, 0)[1],
      expected.map((x) => x / total),
      { atol: 1e-6 },
    );
    // a constant added to a whole row changes nothing
    const same = scaledDotProductAttention(q, k, v, { attnMask: tensor([[7], [7], [7], [7]]) });
    testing.assertClose(same, scaledDotProductAttention(q, k, v), { atol: 1e-5 });
  });

  it('masks broadcast to [B, H, L, S] from [L, S], [B, 1, 1, S], [H, 1, S] and [B, H, L, S]', () => {
    const full = (m: ReturnType<typeof causalMask>) => expand(m, [2, 3, 4, 6]);
    for (const mask of [
      causalMask(4, 6, 1),
      paddingMaskFromLengths([3, 5], 6),
      tensor([
        [[true, true, false, true, true, true]],
        [[true, false, true, true, true, true]],
        [[false, true, true, true, true, true]],
      ]),
      combineMasks(causalMask(4, 6, 1), paddingMaskFromLengths([3, 5], 6))!,
    ]) {
      const a = scaledDotProductAttention(q, k, v, { attnMask: mask });
      const b = scaledDotProductAttention(q, k, v, { attnMask: full(mask) });
      testing.assertClose(a, b, { atol: 0, name: `mask ${mask.shape}` });
    }
  });

  it('a padded key gets zero weight, so its value cannot leak into the output', () => {
    const mask = paddingMaskFromLengths([4, 4], 6);
    const [out, w] = scaledDotProductAttention(q, k, v, { attnMask: mask, returnWeights: true });
    for (let t = 0; t < 6; t++) for (const r of rows(w, t)) expect(r.slice(4)).toEqual([0, 0]);
    const v2 = v.clone();
    v2.data[5 * 2] = 1000; // a padded value of batch 0, head 0
    testing.assertClose(scaledDotProductAttention(q, k, v2, { attnMask: mask }), out, { atol: 0 });
  });
});
