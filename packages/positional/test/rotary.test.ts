import {
  add,
  arange,
  assertGradcheck,
  cat,
  cos,
  indexSelect,
  mul,
  narrow,
  pow,
  select,
  setBackend,
  sin,
  stack,
  sub,
  sum,
  type Tensor,
  tensor,
  testing,
} from '@xf/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import { applyRotaryEmb, RotaryEmbedding, rotaryTables } from '../src/index.js';
import { rotaryJs } from '../src/kernels/rotary-js.js';
import { configs, onJs, sample, TOL, valueAndGrads } from './helpers.js';

afterEach(() => setBackend('js'));

/** RoPE composed from tensor ops (angles in float32, as a PyTorch implementation computes them). */
function composed(x: Tensor, offset: number, interleaved: boolean, theta = 10000): Tensor {
  const [seq, d] = x.shape.slice(-2);
  const half = d / 2;
  const pos = arange(offset, offset + seq, 1, { dtype: 'float32' }).reshape([seq, 1]);
  const invFreq = pow(theta, mul(arange(0, d, 2, { dtype: 'float32' }), -1 / d));
  const angle = mul(pos, invFreq);
  const [c, s] = [cos(angle), sin(angle)];
  if (!interleaved) {
    const x1 = narrow(x, -1, 0, half);
    const x2 = narrow(x, -1, half, half);
    return cat([sub(mul(x1, c), mul(x2, s)), add(mul(x1, s), mul(x2, c))], -1);
  }
  const pairs = x.reshape([...x.shape.slice(0, -1), half, 2]);
  const x1 = select(pairs, -1, 0);
  const x2 = select(pairs, -1, 1);
  return stack([sub(mul(x1, c), mul(x2, s)), add(mul(x1, s), mul(x2, c))], -1).reshape([
    ...x.shape,
  ]);
}

const dot = (a: Tensor, b: Tensor) => sum(mul(a, b)).item();

describe('applyRotaryEmb', () => {
  it('hand-computed: a unit vector turns by pos · θᵢ in its pair', () => {
    // headDim 4: θ₀ = 1, θ₁ = 10000^(-1/2) = 0.01
    const e0 = tensor([[1, 0, 0, 0]]);
    testing.assertClose(applyRotaryEmb(e0, { offset: 2 }).data, [Math.cos(2), 0, Math.sin(2), 0], {
      atol: 1e-7,
    });
    testing.assertClose(
      applyRotaryEmb(e0, { offset: 2, interleaved: true }).data,
      [Math.cos(2), Math.sin(2), 0, 0],
      {
        atol: 1e-7,
      },
    );
    const e1 = tensor([[0, 1, 0, 0]]);
    testing.assertClose(
      applyRotaryEmb(e1, { offset: 1 }).data,
      [0, Math.cos(0.01), 0, Math.sin(0.01)],
      { atol: 1e-7 },
    );
    testing.assertClose(
      applyRotaryEmb(e1, { offset: 1, interleaved: true }).data,
      [-Math.sin(1), Math.cos(1), 0, 0],
      {
        atol: 1e-7,
      },
    );
  });

  it('leaves position 0 unchanged and preserves every pair’s length', () => {
    const x = sample([3, 8], 1);
    testing.assertClose(narrow(applyRotaryEmb(x), 0, 0, 1), narrow(x, 0, 0, 1));
    const y = applyRotaryEmb(x, { offset: 17 });
    expect(dot(y, y)).toBeCloseTo(dot(x, x), 4);
  });

  for (const interleaved of [false, true]) {
    const label = interleaved ? 'interleaved' : 'halves';
    it(`${label}: equals the composed formula on [batch, heads, seq, headDim] at any offset`, () => {
      const x = sample([2, 3, 5, 8], 2);
      for (const offset of [0, 1, 37]) {
        testing.assertClose(
          applyRotaryEmb(x, { offset, interleaved }),
          composed(x, offset, interleaved),
          TOL,
        );
      }
      testing.assertClose(
        applyRotaryEmb(x, { offset: 3, interleaved, theta: 500 }),
        composed(x, 3, interleaved, 500),
        TOL,
      );
    });

    it(`${label}: gradcheck`, () => {
      assertGradcheck(
        (x) => applyRotaryEmb(x, { offset: 4, interleaved }),
        [sample([2, 3, 6], 3, true)],
      );
    });

    it(`${label}: scores depend on the distance only: ⟨R(m)q, R(n)k⟩ = ⟨R(m+s)q, R(n+s)k⟩`, () => {
      const q = sample([1, 16], 4);
      const k = sample([1, 16], 5);
      const score = (m: number, n: number) =>
        dot(
          applyRotaryEmb(q, { offset: m, interleaved }),
          applyRotaryEmb(k, { offset: n, interleaved }),
        );
      for (const [m, n] of [
        [0, 3],
        [5, 2],
        [7, 7],
      ]) {
        for (const shift of [1, 10, 100])
          expect(score(m + shift, n + shift)).toBeCloseTo(score(m, n), 4);
      }
      // and it does change with the distance
      expect(Math.abs(score(0, 1) - score(0, 2))).toBeGreaterThan(1e-3);
    });

    it(`${label}: rotating the tail at its offset equals the tail of the full rotation (KV cache)`, () => {
      const x = sample([2, 9, 4], 6);
      const tail = applyRotaryEmb(narrow(x, 1, 6, 3), { offset: 6, interleaved });
      testing.assertClose(tail, narrow(applyRotaryEmb(x, { interleaved }), 1, 6, 3), {
        atol: 1e-6,
      });
    });
  }

  it('the two pairings differ by a fixed channel permutation', () => {
    // halves channel i <-> interleaved 2i, halves i + d/2 <-> interleaved 2i + 1
    const perm = [0, 2, 4, 6, 1, 3, 5, 7];
    const x = sample([4, 8], 7);
    const viaHalves = applyRotaryEmb(indexSelect(x, 1, perm), { offset: 3 });
    const viaInterleaved = indexSelect(
      applyRotaryEmb(x, { offset: 3, interleaved: true }),
      1,
      perm,
    );
    testing.assertClose(viaHalves, viaInterleaved, { atol: 1e-6 });
  });

  it('the backward is the inverse rotation of the upstream gradient', () => {
    const x = sample([3, 6], 8, true);
    const g = sample([3, 6], 9);
    applyRotaryEmb(x, { offset: 2 }).backward(g);
    const { cos: c, sin: s } = rotaryTables(3, 6, { offset: 2 });
    testing.assertClose(x.grad!.data, rotaryJs(g.data, c.data, s.data, 3, 6, 0, false, -1));
    // and rotating it forward again gives g back
    testing.assertClose(rotaryJs(x.grad!.data, c.data, s.data, 3, 6, 0, false, 1), g.data, {
      atol: 1e-6,
    });
  });

  describe('bad input', () => {
    it('names an odd headDim', () => {
      expect(() => applyRotaryEmb(sample([2, 5], 1))).toThrow(
        'applyRotaryEmb: headDim must be even to rotate channels in pairs, got 5',
      );
    });
    it('names a rank below 2', () => {
      expect(() => applyRotaryEmb(sample([4], 1))).toThrow(
        'applyRotaryEmb: input of shape [4] must be [..., seq, headDim] (at least 2 dims)',
      );
    });
    it('names a bad offset or theta', () => {
      expect(() => applyRotaryEmb(sample([2, 4], 1), { offset: -2 })).toThrow(
        'applyRotaryEmb: offset must be a non-negative integer, got -2',
      );
      expect(() => applyRotaryEmb(sample([2, 4], 1), { theta: 0 })).toThrow(
        'applyRotaryEmb: theta must be a positive number, got 0',
      );
    });
  });
});

describe('RotaryEmbedding', () => {
  it('caches cos and sin [maxLen, headDim/2] as non-persistent buffers', () => {
    const rope = new RotaryEmbedding(8, { maxLen: 32 });
    expect(rope.stateDict()).toEqual({});
    expect(rope.namedBuffers().map(([n, t]) => [n, t.shape])).toEqual([
      ['cos', [32, 4]],
      ['sin', [32, 4]],
    ]);
    expect([rope.theta, rope.interleaved, new RotaryEmbedding(2).maxLen]).toEqual([
      10000,
      false,
      2048,
    ]);
    testing.assertClose(rope.cos.narrow(0, 5, 3), rotaryTables(3, 8, { offset: 5 }).cos);
  });

  for (const interleaved of [false, true]) {
    it(`forward(q, k, offset) equals applyRotaryEmb on each (${interleaved ? 'interleaved' : 'halves'})`, () => {
      const rope = new RotaryEmbedding(6, { maxLen: 20, interleaved, theta: 1000 });
      const q = sample([2, 2, 3, 6], 10);
      const k = sample([2, 2, 3, 6], 11);
      const [qr, kr] = rope.forward(q, k, 7);
      testing.assertClose(qr, applyRotaryEmb(q, { offset: 7, interleaved, theta: 1000 }));
      testing.assertClose(kr, applyRotaryEmb(k, { offset: 7, interleaved, theta: 1000 }));
    });
  }

  it('gradients flow through the module', () => {
    const rope = new RotaryEmbedding(4, { maxLen: 16 });
    assertGradcheck((x) => rope.rotate(x, 9), [sample([2, 3, 4], 12, true)]);
  });

  describe('bad input', () => {
    const rope = new RotaryEmbedding(4, { maxLen: 8 });
    it('names positions past maxLen', () => {
      expect(() => rope.forward(sample([1, 6, 4], 1), sample([1, 6, 4], 2), 3)).toThrow(
        'RotaryEmbedding: a query of length 6 at offset 3 needs positions up to 8, but maxLen = 8; raise maxLen',
      );
    });
    it('names a head size other than headDim, and an odd headDim', () => {
      expect(() => rope.forward(sample([2, 4], 1), sample([2, 6], 2))).toThrow(
        'RotaryEmbedding: key of shape [2, 6] does not end in headDim = 4',
      );
      expect(() => new RotaryEmbedding(7)).toThrow(
        'RotaryEmbedding: headDim must be even to rotate channels in pairs, got 7',
      );
    });
  });
});

describe('every other backend matches the js reference', () => {
  for (const config of configs) {
    for (const interleaved of [false, true]) {
      it(`${interleaved ? 'interleaved' : 'halves'} forward and backward on ${config.label}`, () => {
        const rope = new RotaryEmbedding(8, { maxLen: 64, interleaved });
        const run = () => {
          const fn = valueAndGrads(
            (x) => applyRotaryEmb(x, { offset: 11, interleaved }),
            [sample([2, 3, 5, 8], 13, true)],
          );
          const mod = valueAndGrads((x) => rope.rotate(x, 40), [sample([3, 7, 8], 14, true)]);
          return { y: fn.y, dx: fn.grads[0]!, yMod: mod.y, dxMod: mod.grads[0]! };
        };
        const ref = onJs(run);
        config.use();
        const got = run();
        for (const key of ['y', 'dx', 'yMod', 'dxMod'] as const)
          testing.assertClose(got[key], ref[key], { ...TOL, name: key });
        testing.assertClose(
          got.y,
          onJs(() => composed(sample([2, 3, 5, 8], 13), 11, interleaved)),
          TOL,
        );
      });
    }
  }
});
