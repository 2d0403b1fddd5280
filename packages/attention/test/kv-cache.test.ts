import { cat, manualSeed, noGrad, randn, testing, zeros } from '@xf/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import {
  causalMask,
  KVCache,
  MultiHeadAttention,
  scaledDotProductAttention,
} from '../src/index.js';
import { rows, tol, useJs } from './helpers.js';

describe('KVCache', () => {
  it('appends along the sequence dim and returns everything so far', () => {
    const cache = new KVCache();
    expect(cache.length).toBe(0);
    expect(cache.keys).toBeNull();
    manualSeed(1);
    const k1 = randn([2, 3, 4, 5]);
    const v1 = randn([2, 3, 4, 6]);
    const k2 = randn([2, 3, 1, 5]);
    const v2 = randn([2, 3, 1, 6]);
    cache.update(k1, v1);
    const [k, v] = cache.update(k2, v2);
    expect(cache.length).toBe(5);
    expect(k.shape).toEqual([2, 3, 5, 5]);
    expect(v.shape).toEqual([2, 3, 5, 6]);
    testing.assertClose(k, cat([k1, k2], 2), { atol: 0 });
    testing.assertClose(cache.values!, cat([v1, v2], 2), { atol: 0 });
    cache.reset();
    expect(cache.length).toBe(0);
    expect(cache.values).toBeNull();
  });

  it('takes another sequence dim for other layouts', () => {
    const cache = new KVCache({ dim: 1 }); // [B, S, D]
    cache.update(zeros([2, 3, 4]), zeros([2, 3, 4]));
    cache.update(zeros([2, 2, 4]), zeros([2, 2, 4]));
    expect(cache.length).toBe(5);
    expect(cache.keys?.shape).toEqual([2, 5, 4]);
  });

  it('rejects keys and values that do not fit', () => {
    const cache = new KVCache();
    expect(() => cache.update(zeros([1, 2, 3, 4]), zeros([1, 2, 2, 4]))).toThrow(
      'KVCache.update: keys [1, 2, 3, 4] and values [1, 2, 2, 4] add different numbers of positions',
    );
    cache.update(zeros([1, 2, 3, 4]), zeros([1, 2, 3, 4]));
    expect(() => cache.update(zeros([1, 3, 1, 4]), zeros([1, 3, 1, 4]))).toThrow(
      'do not match the cached [1, 2, 3, 4] / [1, 2, 3, 4] outside the sequence dim -2',
    );
    expect(() => new KVCache({ dim: 0.5 })).toThrow('KVCache: dim must be an integer, got 0.5');
    expect(() => new KVCache({ dim: 5 }).update(zeros([2, 2]), zeros([2, 2]))).toThrow(
      'KVCache: dim 5 is out of range for a tensor of shape [2, 2]',
    );
  });
});

describe('MultiHeadAttention with a KV cache', () => {
  afterEach(useJs);
  for (const config of testing.backendConfigs()) {
    for (const numKvHeads of [4, 2]) {
      it(`decodes token by token exactly as the full causal pass (numKvHeads ${numKvHeads}, ${config.label})`, () => {
        config.use();
        manualSeed(2);
        const mha = new MultiHeadAttention(8, 4, { batchFirst: true, numKvHeads }).eval();
        const x = randn([2, 5, 8]);
        noGrad(() => {
          const [full] = mha.forward(x, x, x, { isCausal: true });
          const fullWeights = mha.lastAttnWeights!; // [B, H, L, S]
          const cache = new KVCache();
          for (let t = 0; t < 5; t++) {
            const token = x.narrow(1, t, 1);
            const [step] = mha.forward(token, token, token, { isCausal: true, kvCache: cache });
            expect(cache.length).toBe(t + 1);
            testing.assertClose(step, full.narrow(1, t, 1), { ...tol, name: `token ${t}` });
            // the query at position t saw keys 0..t, with the weights of row t of the full pass
            const w = mha.lastAttnWeights!;
            expect(w.shape).toEqual([2, 4, 1, t + 1]);
            testing.assertClose(w, fullWeights.narrow(2, t, 1).narrow(3, 0, t + 1), tol);
          }
        });
      });
    }
  }

  it('prefills a prompt, then decodes, as the full causal pass', () => {
    manualSeed(3);
    const mha = new MultiHeadAttention(6, 2, { batchFirst: true });
    const x = randn([1, 6, 6]);
    const [full] = mha.forward(x, x, x, { isCausal: true });
    const cache = new KVCache();
    const prompt = x.narrow(1, 0, 4);
    const [first] = mha.forward(prompt, prompt, prompt, { isCausal: true, kvCache: cache });
    testing.assertClose(first, full.narrow(1, 0, 4), tol);
    // two new tokens at once: query 0 of this chunk is position 4 and must not see position 5
    const rest = x.narrow(1, 4, 2);
    const [second] = mha.forward(rest, rest, rest, { isCausal: true, kvCache: cache });
    testing.assertClose(second, full.narrow(1, 4, 2), tol);
    expect(rows(mha.lastAttnWeights!.mean(1))[0][5]).toBe(0);
  });

  it('works with the functional form: the query at step t attends to keys 0..t', () => {
    manualSeed(4);
    const q = randn([1, 2, 5, 4]);
    const k = randn([1, 2, 5, 4]);
    const v = randn([1, 2, 5, 3]);
    const full = scaledDotProductAttention(q, k, v, { isCausal: true });
    const cache = new KVCache();
    for (let t = 0; t < 5; t++) {
      const [keys, values] = cache.update(k.narrow(2, t, 1), v.narrow(2, t, 1));
      // one new query against all cached keys: nothing to hide (or causalMask(1, t + 1, t))
      const step = scaledDotProductAttention(q.narrow(2, t, 1), keys, values);
      const masked = scaledDotProductAttention(q.narrow(2, t, 1), keys, values, {
        attnMask: causalMask(1, t + 1, t),
      });
      testing.assertClose(step, full.narrow(2, t, 1), tol);
      testing.assertClose(masked, step, { atol: 0 });
    }
  });

  it('without isCausal, new queries attend to every cached key', () => {
    manualSeed(5);
    const mha = new MultiHeadAttention(4, 2, { batchFirst: true });
    const past = randn([1, 3, 4]);
    const now = randn([1, 2, 4]);
    const cache = new KVCache();
    mha.forward(past, past, past, { kvCache: cache });
    const [withCache] = mha.forward(now, now, now, { kvCache: cache });
    const all = cat([past, now], 1);
    const [direct] = mha.forward(now, all, all);
    testing.assertClose(withCache, direct, tol);
  });
});
