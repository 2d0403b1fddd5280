import { manualSeed, randn, testing } from '@xf/tensor';
import { describe, expect, it } from 'vitest';
import {
  attentionReference,
  MultiHeadAttention,
  repeatKvHeads,
  scaledDotProductAttention,
} from '../src/index.js';
import { gradsOf, tol } from './helpers.js';

describe('grouped-query and multi-query attention', () => {
  it('repeatKvHeads repeats each head for its group, in order', () => {
    manualSeed(0);
    const k = randn([1, 2, 3, 4]);
    const r = repeatKvHeads(k, 3);
    expect(r.shape).toEqual([1, 6, 3, 4]);
    for (let h = 0; h < 6; h++) {
      testing.assertClose(r.narrow(1, h, 1), k.narrow(1, Math.floor(h / 3), 1), { atol: 0 });
    }
  });

  for (const kvHeads of [2, 1]) {
    it(`enableGqa with ${kvHeads} key/value head(s) equals attention over repeated heads, gradients included`, () => {
      manualSeed(1);
      const q = randn([2, 4, 3, 5], { requiresGrad: true });
      const k = randn([2, kvHeads, 6, 5], { requiresGrad: true });
      const v = randn([2, kvHeads, 6, 2], { requiresGrad: true });
      const g = 4 / kvHeads;
      const gqa = () => scaledDotProductAttention(q, k, v, { enableGqa: true, isCausal: true });
      const repeated = () =>
        scaledDotProductAttention(q, repeatKvHeads(k, g), repeatKvHeads(v, g), { isCausal: true });
      testing.assertClose(gqa(), repeated(), { atol: 1e-6 });
      testing.assertClose(
        gqa(),
        attentionReference(q, k, v, { enableGqa: true, isCausal: true })[0],
        tol,
      );
      const a = gradsOf([q, k, v], gqa);
      const b = gradsOf([q, k, v], repeated);
      a.forEach((x, i) => {
        testing.assertClose(x, b[i], tol);
      });
    });
  }

  it('one key/value head also broadcasts without enableGqa, as in PyTorch', () => {
    manualSeed(2);
    const q = randn([2, 4, 3, 5]);
    const k = randn([2, 1, 6, 5]);
    const v = randn([2, 1, 6, 5]);
    testing.assertClose(
      scaledDotProductAttention(q, k, v),
      scaledDotProductAttention(q, k, v, { enableGqa: true }),
      { atol: 0 },
    );
  });

  for (const numKvHeads of [2, 1]) {
    it(`MultiHeadAttention with numKvHeads ${numKvHeads} equals full multi-head attention with repeated k/v projections`, () => {
      manualSeed(3);
      const E = 8;
      const H = 4;
      const D = E / H;
      const gqa = new MultiHeadAttention(E, H, { numKvHeads, batchFirst: true });
      const full = new MultiHeadAttention(E, H, { separateProjections: true, batchFirst: true });
      const group = H / numKvHeads;
      // head h of the full model uses key/value head floor(h / group): repeat those weight rows
      const repeatRows = (w: Float32Array) => {
        const out = new Float32Array(H * D * E);
        for (let h = 0; h < H; h++)
          out.set(
            w.subarray(Math.floor(h / group) * D * E, (Math.floor(h / group) + 1) * D * E),
            h * D * E,
          );
        return out;
      };
      const b = gqa.in_proj_bias!.data;
      b.set(randn([b.length]).data);
      const kvWidth = numKvHeads * D;
      const repeatBias = (from: number) => {
        const out = new Float32Array(H * D);
        for (let h = 0; h < H; h++) {
          const src = from + Math.floor(h / group) * D;
          out.set(b.subarray(src, src + D), h * D);
        }
        return out;
      };
      full.q_proj_weight!.data.set(gqa.q_proj_weight!.data);
      full.k_proj_weight!.data.set(repeatRows(gqa.k_proj_weight!.data));
      full.v_proj_weight!.data.set(repeatRows(gqa.v_proj_weight!.data));
      full.in_proj_bias!.data.set([
        ...b.subarray(0, E),
        ...repeatBias(E),
        ...repeatBias(E + kvWidth),
      ]);
      full.out_proj.loadStateDict(gqa.out_proj.stateDict());
      const x = randn([2, 5, E]);
      const memory = randn([2, 3, E]);
      testing.assertClose(
        gqa.forward(x, x, x, { isCausal: true })[0],
        full.forward(x, x, x, { isCausal: true })[0],
        tol,
      );
      testing.assertClose(
        gqa.forward(x, memory, memory)[0],
        full.forward(x, memory, memory)[0],
        tol,
      );
      expect(gqa.numParameters()).toBeLessThan(full.numParameters());
    });
  }
});
