/**
 * A query whose keys are all masked: zero weights, zero output, no NaN, no gradient,
 * on every backend. (PyTorch returns NaN for such a row.)
 */
import { allFinite, manualSeed, randn, tensor, testing, where } from '@xf/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import {
  attentionReference,
  causalMask,
  MultiHeadAttention,
  paddingMaskFromLengths,
  scaledDotProductAttention,
} from '../src/index.js';
import { rows, useJs } from './helpers.js';

describe('rows with every key masked', () => {
  afterEach(useJs);
  for (const config of testing.backendConfigs()) {
    it(`give zeros and pass no gradient (bool and float masks) on ${config.label}`, () => {
      config.use();
      manualSeed(1);
      const q = randn([2, 3, 4], { requiresGrad: true });
      const k = randn([2, 5, 4], { requiresGrad: true });
      const v = randn([2, 5, 3], { requiresGrad: true });
      // batch 1 has no keys at all; row 0 of batch 0 sees nothing either
      const boolMask = paddingMaskFromLengths([5, 0], 5)
        .reshape(2, 1, 5)
        .logicalAnd(causalMask(3, 5, -1));
      const asBias = where(boolMask, 0, Number.NEGATIVE_INFINITY);
      for (const attnMask of [boolMask, asBias]) {
        for (const x of [q, k, v]) x.grad = null;
        const [out, w] = scaledDotProductAttention(q, k, v, { attnMask, returnWeights: true });
        expect(allFinite(out)).toBe(true);
        expect(allFinite(w)).toBe(true);
        expect(rows(out, 0)[0]).toEqual([0, 0, 0]);
        expect(rows(w, 0)[0]).toEqual([0, 0, 0, 0, 0]);
        expect(Array.from(out.data.subarray(9))).toEqual(new Array(9).fill(0));
        expect(Array.from(w.data.subarray(15))).toEqual(new Array(15).fill(0));
        out.sum().add(w.sum()).backward();
        for (const x of [q, k, v]) expect(allFinite(x.grad!)).toBe(true);
        // the dead query rows get no gradient; batch 1's keys and values get none
        expect(Array.from(q.grad!.data.subarray(0, 4))).toEqual([0, 0, 0, 0]);
        expect(Array.from(q.grad!.data.subarray(12))).toEqual(new Array(12).fill(0));
        expect(Array.from(k.grad!.data.subarray(20))).toEqual(new Array(20).fill(0));
        expect(Array.from(v.grad!.data.subarray(15))).toEqual(new Array(15).fill(0));
        // the live rows still learn
        expect(q.grad!.data.subarray(4, 12).some((g) => g !== 0)).toBe(true);
      }
    });
  }

  for (const config of testing.backendConfigs()) {
    it(`are told apart from NaN scores, which stay NaN, on ${config.label}`, () => {
      config.use();
      manualSeed(4);
      const q = randn([2, 3]);
      q.data[0] = Number.NaN; // query row 0 is broken: its output must say so
      const out = scaledDotProductAttention(q, randn([4, 3]), randn([4, 2]), {
        attnMask: causalMask(2, 4, 1),
      });
      expect(out.data.subarray(0, 2).every(Number.isNaN)).toBe(true);
      expect(allFinite(out.narrow(0, 1, 1))).toBe(true);
    });
  }

  it('the reference behaves the same, gradients included', () => {
    manualSeed(2);
    const q = randn([3, 2], { requiresGrad: true });
    const k = randn([4, 2], { requiresGrad: true });
    const v = randn([4, 2], { requiresGrad: true });
    const mask = causalMask(3, 4, -1); // row 0 sees no key
    const [out, w] = attentionReference(q, k, v, { attnMask: mask });
    expect(rows(out)[0]).toEqual([0, 0]);
    expect(rows(w)[0]).toEqual([0, 0, 0, 0]);
    out.sum().backward();
    expect(allFinite(q.grad!)).toBe(true);
    expect(Array.from(q.grad!.data.subarray(0, 2))).toEqual([0, 0]);
  });

  it('MultiHeadAttention with every key padded gives the output projection of zero (its bias)', () => {
    manualSeed(3);
    const mha = new MultiHeadAttention(4, 2, { batchFirst: true });
    mha.out_proj.bias!.data.set([1, 2, 3, 4]);
    const x = randn([1, 3, 4]);
    const [out, w] = mha.forward(x, x, x, { keyPaddingMask: tensor([[true, true, true]]) });
    testing.assertClose(out.data, [1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4], { atol: 0 });
    expect(Array.from(w!.data)).toEqual(new Array(9).fill(0));
  });
});
