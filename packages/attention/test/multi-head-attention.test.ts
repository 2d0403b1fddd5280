import {
  assertGradcheck,
  logicalNot,
  manualSeed,
  nn,
  randn,
  type Tensor,
  tensor,
  testing,
  traceShapes,
  transpose,
  where,
} from '@xf/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import { causalMask, MultiHeadAttention } from '../src/index.js';
import { naiveAttention, otherBackends, rows, tol, useJs } from './helpers.js';

/** x W[rows wFrom..wFrom+n]ᵀ + b[bFrom..bFrom+n], on plain arrays. */
function project(
  x: number[][],
  W: Tensor,
  b: Tensor | null,
  n: number,
  wFrom = 0,
  bFrom = 0,
): number[][] {
  const inF = W.shape[1];
  return x.map((xi) =>
    Array.from({ length: n }, (_, o) => {
      let s = b ? b.data[bFrom + o] : 0;
      for (let c = 0; c < inF; c++) s += W.data[(wFrom + o) * inF + c] * xi[c];
      return s;
    }),
  );
}

const columns = (m: number[][], from: number, n: number) => m.map((r) => r.slice(from, from + n));

/** PyTorch's multi-head attention for one sequence, written with loops over plain arrays. */
function naiveMha(
  mha: MultiHeadAttention,
  query: number[][],
  key: number[][],
  value: number[][],
  allowed?: (i: number, j: number) => boolean,
): { out: number[][]; weights: number[][] } {
  const E = mha.embedDim;
  const H = mha.numHeads;
  const D = E / H;
  const kv = mha.numKvHeads * D;
  const sd = mha.stateDict();
  const W = (name: 'q' | 'k' | 'v') => sd.in_proj_weight ?? sd[`${name}_proj_weight`];
  const from = { q: 0, k: E, v: E + kv };
  const wFrom = (name: 'q' | 'k' | 'v') => (sd.in_proj_weight ? from[name] : 0);
  const b = sd.in_proj_bias ?? null;
  const q = project(query, W('q'), b, E, wFrom('q'), from.q);
  const k = project(key, W('k'), b, kv, wFrom('k'), from.k);
  const v = project(value, W('v'), b, kv, wFrom('v'), from.v);
  const group = H / mha.numKvHeads;
  const heads = Array.from({ length: H }, (_, h) => {
    const g = Math.floor(h / group);
    return naiveAttention(columns(q, h * D, D), columns(k, g * D, D), columns(v, g * D, D), {
      allowed,
    });
  });
  const concat = query.map((_, i) => heads.flatMap((hd) => hd.out[i]));
  const out = project(concat, sd['out_proj.weight'], sd['out_proj.bias'] ?? null, E);
  const weights = query.map((_, i) =>
    key.map((__, j) => heads.reduce((a, hd) => a + hd.weights[i][j], 0) / H),
  );
  return { out, weights };
}

describe('MultiHeadAttention parameters', () => {
  it('has PyTorch state-dict keys, order and shapes (fused in_proj)', () => {
    const sd = new MultiHeadAttention(8, 2).stateDict();
    expect(Object.keys(sd)).toEqual([
      'in_proj_weight',
      'in_proj_bias',
      'out_proj.weight',
      'out_proj.bias',
    ]);
    expect(Object.values(sd).map((t) => t.shape)).toEqual([[24, 8], [24], [8, 8], [8]]);
  });

  it('has separate q/k/v weights when asked, or when kdim/vdim/numKvHeads require it', () => {
    const separate = new MultiHeadAttention(8, 2, { separateProjections: true }).stateDict();
    expect(Object.keys(separate)).toEqual([
      'q_proj_weight',
      'k_proj_weight',
      'v_proj_weight',
      'in_proj_bias',
      'out_proj.weight',
      'out_proj.bias',
    ]);
    const cross = new MultiHeadAttention(8, 2, { kdim: 5, vdim: 3 });
    expect(cross.separateProjections).toBe(true);
    expect(Object.values(cross.stateDict()).map((t) => t.shape)).toEqual([
      [8, 8],
      [8, 5],
      [8, 3],
      [24],
      [8, 8],
      [8],
    ]);
    const gqa = new MultiHeadAttention(8, 4, { numKvHeads: 2 }); // head dim 2: k and v are 2·2 wide
    expect(Object.values(gqa.stateDict()).map((t) => t.shape)).toEqual([
      [8, 8],
      [4, 8],
      [4, 8],
      [16],
      [8, 8],
      [8],
    ]);
  });

  it('drops every bias with bias: false', () => {
    expect(Object.keys(new MultiHeadAttention(4, 2, { bias: false }).stateDict())).toEqual([
      'in_proj_weight',
      'out_proj.weight',
    ]);
  });

  it('initialises as PyTorch: xavier-uniform in_proj, zero biases', () => {
    manualSeed(0);
    const mha = new MultiHeadAttention(16, 4);
    const bound = Math.sqrt(6 / (16 + 48));
    expect(Math.max(...mha.in_proj_weight!.data.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...mha.in_proj_weight!.data.map(Math.abs))).toBeGreaterThan(bound * 0.9);
    expect(mha.in_proj_bias!.data.every((x) => x === 0)).toBe(true);
    expect(mha.out_proj.bias!.data.every((x) => x === 0)).toBe(true);
    expect(mha.headDim).toBe(4);
    expect(mha.batchFirst).toBe(false);
  });

  it('loads a state dict with PyTorch names', () => {
    const a = new MultiHeadAttention(4, 2);
    const b = new MultiHeadAttention(4, 2);
    b.loadStateDict(a.stateDict());
    testing.assertClose(b.in_proj_weight!, a.in_proj_weight!, { atol: 0 });
  });
});

/** Random non-zero biases, so the bias paths are tested too. */
function withBiases(mha: MultiHeadAttention, seed: number): MultiHeadAttention {
  manualSeed(seed);
  for (const p of [mha.in_proj_bias, mha.out_proj.bias]) if (p) p.data.set(randn([p.numel()]).data);
  return mha;
}

describe('MultiHeadAttention forward', () => {
  it('matches the definition computed with loops (self-attention, batchFirst)', () => {
    manualSeed(1);
    const mha = withBiases(new MultiHeadAttention(6, 3, { batchFirst: true }), 2);
    const x = randn([2, 4, 6]);
    const [out, w] = mha.forward(x, x, x);
    expect(out.shape).toEqual([2, 4, 6]);
    expect(w?.shape).toEqual([2, 4, 4]);
    for (let b = 0; b < 2; b++) {
      const expected = naiveMha(mha, rows(x, b), rows(x, b), rows(x, b));
      testing.assertClose(rows(out, b).flat(), expected.out.flat(), tol);
      testing.assertClose(rows(w!, b).flat(), expected.weights.flat(), tol);
    }
  });

  it('matches the definition for cross-attention with kdim and vdim', () => {
    manualSeed(3);
    const mha = withBiases(new MultiHeadAttention(4, 2, { kdim: 3, vdim: 5, batchFirst: true }), 4);
    const query = randn([2, 2, 4]);
    const key = randn([2, 6, 3]);
    const value = randn([2, 6, 5]);
    const [out, w] = mha.forward(query, key, value);
    expect(out.shape).toEqual([2, 2, 4]);
    expect(w?.shape).toEqual([2, 2, 6]);
    for (let b = 0; b < 2; b++) {
      const expected = naiveMha(mha, rows(query, b), rows(key, b), rows(value, b));
      testing.assertClose(rows(out, b).flat(), expected.out.flat(), tol);
    }
  });

  it('is sequence-first by default: [L, B, E] in and out', () => {
    manualSeed(5);
    const seqFirst = withBiases(new MultiHeadAttention(4, 2), 6);
    const batchFirst = new MultiHeadAttention(4, 2, { batchFirst: true });
    batchFirst.loadStateDict(seqFirst.stateDict());
    const x = randn([3, 2, 4]); // [L, B, E]
    const [a, wa] = seqFirst.forward(x, x, x);
    const xb = transpose(x, 0, 1);
    const [b, wb] = batchFirst.forward(xb, xb, xb);
    expect(a.shape).toEqual([3, 2, 4]);
    testing.assertClose(transpose(a, 0, 1), b, { atol: 1e-6 });
    testing.assertClose(wa!, wb!, { atol: 1e-6 }); // weights are [B, L, S] either way
  });

  it('takes unbatched [L, E] inputs', () => {
    manualSeed(7);
    const mha = withBiases(new MultiHeadAttention(4, 2), 8);
    const x = randn([3, 4]);
    const [out, w] = mha.forward(x, x, x, { averageAttnWeights: false });
    expect(out.shape).toEqual([3, 4]);
    expect(w?.shape).toEqual([2, 3, 3]);
    expect(mha.lastAttnWeights?.shape).toEqual([2, 3, 3]);
    const [batched] = mha.forward(x.reshape(3, 1, 4), x.reshape(3, 1, 4), x.reshape(3, 1, 4));
    testing.assertClose(out.data, batched.data, { atol: 1e-6 });
  });

  it('returns per-head weights, their mean, or null; lastAttnWeights is always per head', () => {
    manualSeed(9);
    const mha = new MultiHeadAttention(8, 4, { batchFirst: true });
    const x = randn([2, 5, 8]);
    const [, perHead] = mha.forward(x, x, x, { averageAttnWeights: false });
    expect(perHead?.shape).toEqual([2, 4, 5, 5]);
    const [, averaged] = mha.forward(x, x, x);
    testing.assertClose(averaged!, perHead!.mean(1), { atol: 1e-6 });
    const [out, none] = mha.forward(x, x, x, { needWeights: false });
    expect(none).toBeNull();
    expect(out.shape).toEqual([2, 5, 8]);
    expect(mha.lastAttnWeights?.shape).toEqual([2, 4, 5, 5]);
    testing.assertClose(mha.lastAttnWeights!, perHead!, { atol: 0 });
    expect(mha.lastAttnWeights?.requiresGrad).toBe(false);
  });

  it('gives the same results with fused or separate projections holding the same weights', () => {
    manualSeed(10);
    const fused = withBiases(new MultiHeadAttention(6, 2, { batchFirst: true }), 11);
    const separate = new MultiHeadAttention(6, 2, { batchFirst: true, separateProjections: true });
    const W = fused.in_proj_weight!;
    separate.loadStateDict({
      q_proj_weight: W.narrow(0, 0, 6),
      k_proj_weight: W.narrow(0, 6, 6),
      v_proj_weight: W.narrow(0, 12, 6),
      in_proj_bias: fused.in_proj_bias!,
      'out_proj.weight': fused.out_proj.weight,
      'out_proj.bias': fused.out_proj.bias!,
    });
    const x = randn([2, 3, 6]);
    const memory = randn([2, 4, 6]);
    for (const [q, kv] of [
      [x, x],
      [x, memory],
    ]) {
      const [a, wa] = fused.forward(q, kv, kv);
      const [b, wb] = separate.forward(q, kv, kv);
      testing.assertClose(a, b, { atol: 1e-6 });
      testing.assertClose(wa!, wb!, { atol: 1e-6 });
    }
    // self-attention (one fused product) equals the sliced path on equal copies
    testing.assertClose(fused.forward(x, x, x)[0], fused.forward(x, x.clone(), x.clone())[0], {
      atol: 1e-6,
    });
  });

  it('keyPaddingMask follows PyTorch: bool true = ignore; float is added', () => {
    manualSeed(12);
    const mha = new MultiHeadAttention(4, 2, { batchFirst: true });
    const x = randn([2, 3, 4]);
    const pad = tensor([
      [false, false, true],
      [false, false, false],
    ]);
    const [out, w] = mha.forward(x, x, x, { keyPaddingMask: pad, averageAttnWeights: false });
    for (let h = 0; h < 2; h++) for (const r of rows(w!, h)) expect(r[2]).toBe(0);
    expect(rows(w!, 2).every((r) => r[2] > 0)).toBe(true);
    const asFloat = where(pad, Number.NEGATIVE_INFINITY, 0);
    testing.assertClose(mha.forward(x, x, x, { keyPaddingMask: asFloat })[0], out, { atol: 1e-6 });
    // batch 0 equals attention over its two real tokens only
    const expected = naiveMha(mha, rows(x, 0), rows(x, 0), rows(x, 0), (_i, j) => j < 2);
    testing.assertClose(rows(out, 0).flat(), expected.out.flat(), tol);
  });

  it('attnMask follows PyTorch: bool true = not allowed, [L, S] or [B·H, L, S]', () => {
    manualSeed(13);
    const mha = new MultiHeadAttention(4, 2, { batchFirst: true });
    const x = randn([2, 3, 4]);
    const blocked = logicalNot(causalMask(3)); // true above the diagonal
    const [a] = mha.forward(x, x, x, { attnMask: blocked });
    const [b] = mha.forward(x, x, x, { isCausal: true });
    testing.assertClose(a, b, { atol: 0 });
    const perHead = blocked.reshape(1, 3, 3).expand(4, 3, 3);
    testing.assertClose(mha.forward(x, x, x, { attnMask: perHead })[0], a, { atol: 0 });
    const asFloat = where(blocked, Number.NEGATIVE_INFINITY, 0);
    testing.assertClose(mha.forward(x, x, x, { attnMask: asFloat })[0], a, { atol: 1e-6 });
    const expected = naiveMha(mha, rows(x, 1), rows(x, 1), rows(x, 1), (i, j) => j <= i);
    testing.assertClose(rows(a, 1).flat(), expected.out.flat(), tol);
  });

  it('applies isCausal together with attnMask', () => {
    manualSeed(14);
    const mha = new MultiHeadAttention(4, 2, { batchFirst: true });
    const x = randn([1, 4, 4]);
    const noFirstKey = tensor([[true, false, false, false]]).expand(4, 4); // block key 0
    const [, w] = mha.forward(x, x, x, { attnMask: noFirstKey, isCausal: true });
    // query 0 could only see key 0, which is blocked: zero row; the rest skip key 0 and the future
    expect(rows(w!)[0]).toEqual([0, 0, 0, 0]);
    expect(rows(w!)[1].map((p) => p > 0)).toEqual([false, true, false, false]);
    expect(rows(w!)[3].map((p) => p > 0)).toEqual([false, true, true, true]);
  });

  it('applies dropout to the weights in training only', () => {
    manualSeed(15);
    const mha = new MultiHeadAttention(4, 2, { dropout: 0.5, batchFirst: true });
    const plain = new MultiHeadAttention(4, 2, { batchFirst: true });
    plain.loadStateDict(mha.stateDict());
    const x = randn([2, 5, 4]);
    const [trained, w] = mha.forward(x, x, x, { averageAttnWeights: false });
    const zeros = w!.data.filter((p) => p === 0).length;
    expect(zeros).toBeGreaterThan(10); // about half of 100
    expect(w!.data.some((p) => p > 1)).toBe(true); // survivors scaled by 2 can exceed 1
    expect(testing.compareClose(trained, plain.forward(x, x, x)[0], { atol: 1e-3 }).ok).toBe(false);
    mha.eval();
    testing.assertClose(mha.forward(x, x, x)[0], plain.forward(x, x, x)[0], { atol: 0 });
  });
});

describe('MultiHeadAttention gradients', () => {
  afterEach(useJs);

  /** The module's output as a function of its parameters, for gradcheck. */
  function asFunction(mha: MultiHeadAttention, names: string[], x: Tensor) {
    return (...params: Tensor[]) => {
      const m = mha as unknown as Record<string, unknown>;
      names.forEach((n, i) => {
        if (n.startsWith('out_proj.'))
          (mha.out_proj as unknown as Record<string, unknown>)[n.slice(9)] = params[i];
        else m[n] = params[i];
      });
      return mha.forward(x, x, x, { isCausal: true })[0];
    };
  }

  for (const [label, options] of [
    ['fused', {}],
    ['separate, grouped-query', { numKvHeads: 1 }],
  ] as const) {
    it(`pass gradcheck for every parameter (${label})`, () => {
      manualSeed(16);
      const mha = withBiases(new MultiHeadAttention(4, 2, { batchFirst: true, ...options }), 17);
      const x = randn([1, 3, 4]);
      const named = mha.namedParameters();
      const params = named.map(([, p]) => new nn.Parameter(p.data.slice(), p.shape));
      assertGradcheck(
        asFunction(
          mha,
          named.map(([n]) => n),
          x,
        ),
        params,
      );
    });
  }

  const backendGrads = () => {
    manualSeed(18);
    const mha = withBiases(new MultiHeadAttention(8, 2, { batchFirst: true }), 19);
    const x = randn([2, 4, 8], { requiresGrad: true });
    const [out, w] = mha.forward(x, x, x, { isCausal: true });
    out.sum().add(w!.mul(w!).sum()).backward();
    return [x, ...mha.parameters()].map((p) => p.grad!.data.slice());
  };
  for (const config of otherBackends()) {
    it(`match the js backend on ${config.label}`, () => {
      useJs();
      const expected = backendGrads();
      config.use();
      backendGrads().forEach((g, i) => {
        testing.assertClose(g, expected[i], { ...tol, name: `grad ${i}` });
      });
    });
  }
});

describe('MultiHeadAttention shape trace', () => {
  it('marks q, k, v, scores, weights, merged heads and the output projection', () => {
    const mha = new MultiHeadAttention(8, 2, { batchFirst: true });
    const x = randn(3, 5, 8);
    const { steps } = traceShapes(() => mha.forward(x, x, x));
    expect(steps.map((s) => [s.name, s.shape])).toEqual([
      ['q', [3, 2, 5, 4]],
      ['k', [3, 2, 5, 4]],
      ['v', [3, 2, 5, 4]],
      ['scores', [3, 2, 5, 5]],
      ['weights', [3, 2, 5, 5]],
      ['heads', [3, 2, 5, 4]],
      ['merged', [3, 5, 8]],
      ['out', [3, 5, 8]],
    ]);
  });
});
