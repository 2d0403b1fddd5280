import { Generator, manualSeed, softmax, type Tensor, tensor, testing } from '@xf/tensor';
import { describe, expect, it } from 'vitest';
import { GPT, generate, sampleNext, topKFilter, topPFilter } from '../src/index.js';

const config = { vocabSize: 13, blockSize: 8, nLayer: 2, nHead: 2, nEmbd: 16 };

function model(seed = 0, extra = {}): GPT {
  manualSeed(seed);
  return new GPT({ ...config, ...extra });
}

describe('sampling', () => {
  it('topKFilter keeps the k largest logits per row', () => {
    const out = topKFilter(
      tensor([
        [1, 5, 3, 4],
        [0, 0, 2, 1],
      ]),
      2,
    );
    expect(out.toArray()).toEqual([
      [Number.NEGATIVE_INFINITY, 5, Number.NEGATIVE_INFINITY, 4],
      [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY, 2, 1],
    ]);
    expect(() => topKFilter(tensor([[1, 2]]), 0)).toThrow(/k must be a positive integer/);
  });

  it('topPFilter keeps the smallest set reaching p', () => {
    // probabilities 0.5, 0.3, 0.2: p = 0.7 keeps the first two, p = 0.4 the first one
    const logits = tensor([[Math.log(0.5), Math.log(0.3), Math.log(0.2)]]);
    const kept = (p: number) =>
      Array.from(topPFilter(logits, p).data).map((v) => v > Number.NEGATIVE_INFINITY);
    expect(kept(0.7)).toEqual([true, true, false]);
    expect(kept(0.4)).toEqual([true, false, false]);
    expect(kept(1)).toEqual([true, true, true]);
  });

  it('temperature 0 is greedy; a seed reproduces samples; frequencies follow softmax(logits / T)', () => {
    const logits = tensor([[0, 1, 2]]);
    expect(sampleNext(logits, { temperature: 0 }).toArray()).toEqual([2]);
    const rows = tensor(
      Float32Array.from({ length: 300 }, (_, i) => i % 3),
      [100, 3],
    );
    const draw = (seed: number) => sampleNext(rows, { generator: new Generator(seed) });
    expect(draw(1).toArray()).toEqual(draw(1).toArray());
    const samples = sampleNext(tensor(Array.from({ length: 4000 }, () => [0, 1, 2])), {
      temperature: 2,
      generator: new Generator(3),
    });
    const p = softmax(tensor([0, 0.5, 1]), 0).data;
    const freq = [0, 1, 2].map((c) => samples.data.filter((v) => v === c).length / 4000);
    for (const [c, f] of freq.entries()) expect(Math.abs(f - p[c])).toBeLessThan(0.03);
  });
});

describe('generate', () => {
  it('greedy generation is deterministic and appends maxNewTokens', () => {
    const m = model(1);
    const prompt = tensor([[1, 2, 3]], { dtype: 'int32' });
    const a = m.generate(prompt, 5, { temperature: 0 });
    const b = m.generate(prompt, 5, { temperature: 0 });
    expect(a.shape).toEqual([1, 8]);
    expect(a.toArray()).toEqual(b.toArray());
    expect(a.narrow(1, 0, 3).toArray()).toEqual([[1, 2, 3]]);
  });

  for (const positional of ['learned', 'rotary'] as const) {
    it(`${positional}: the KV cache gives exactly the tokens of generation without it, across window restarts`, () => {
      const m = model(2, { positional });
      const prompt = tensor(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        { dtype: 'int32' },
      );
      for (const options of [
        { temperature: 0 },
        { temperature: 1, topK: 5, seed: 7 },
        { temperature: 0.8, topP: 0.9, seed: 8 },
      ]) {
        const cached = generate(m, prompt, { ...options, maxNewTokens: 20, useCache: true });
        const plain = generate(m, prompt, { ...options, maxNewTokens: 20, useCache: false });
        expect(cached.toArray()).toEqual(plain.toArray());
      }
    });
  }

  it('cached logits equal full-sequence logits', () => {
    const m = model(3).eval();
    const seq = tensor([[3, 1, 4, 1, 5, 9]], { dtype: 'int32' });
    const full = m.forward(seq).logits;
    const cache = m.newCache();
    const parts: Tensor[] = [];
    parts.push(m.forward(seq.narrow(1, 0, 3), null, { cache }).logits);
    parts.push(m.forward(seq.narrow(1, 3, 1), null, { cache }).logits);
    parts.push(m.forward(seq.narrow(1, 4, 2), null, { cache }).logits);
    testing.assertClose(
      tensor(
        parts.flatMap((p) => Array.from(p.data)),
        full.shape,
      ),
      full,
      { atol: 1e-5 },
    );
  });

  it('stops once every row has produced a stop token', () => {
    const m = model(4);
    const first = generate(m, [[1, 2]], { maxNewTokens: 10, temperature: 0 });
    const stop = first.data[2]; // the first greedy token
    const stopped = generate(m, [[1, 2]], { maxNewTokens: 10, temperature: 0, stopTokens: [stop] });
    expect(stopped.toArray()).toEqual([[1, 2, stop]]);
  });

  it('streams tokens and restores training mode', () => {
    const m = model(5).train();
    const seen: number[] = [];
    generate(m, [[1]], { maxNewTokens: 4, seed: 1, onToken: ([t]) => seen.push(t) });
    expect(seen).toHaveLength(4);
    expect(m.training).toBe(true);
    expect(() => generate(m, [[]], { maxNewTokens: 1 })).toThrow(
      /idx must be token ids \[B, T\] with T >= 1/,
    );
  });
});
