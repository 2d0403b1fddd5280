import {
  assertGradcheck,
  Generator,
  manualSeed,
  randn,
  setBackend,
  type Tensor,
  tensor,
  testing,
} from '@xf/tensor';
import { AdamW } from '@xf/trainer';
import { afterEach, describe, expect, it } from 'vitest';
import { Seq2SeqTransformer, TransformerDecoderLayer } from '../src/index.js';
import { expectBackendsMatchReference } from './helpers.js';

afterEach(() => setBackend('js'));

const tiny = {
  srcVocabSize: 9,
  tgtVocabSize: 7,
  dModel: 8,
  nHead: 2,
  numEncoderLayers: 1,
  numDecoderLayers: 2,
  dimFeedforward: 16,
  dropout: 0,
  maxLen: 12,
};
const ids = (rows: number[][]) => tensor(rows, { dtype: 'int32' });

describe('TransformerDecoderLayer', () => {
  it("uses PyTorch's names and passes gradcheck, post-norm and pre-norm", () => {
    for (const normFirst of [false, true]) {
      manualSeed(1);
      const layer = new TransformerDecoderLayer(4, 2, {
        dimFeedforward: 8,
        dropout: 0,
        batchFirst: true,
        normFirst,
      });
      expect(Object.keys(layer.stateDict())).toEqual([
        'self_attn.in_proj_weight',
        'self_attn.in_proj_bias',
        'self_attn.out_proj.weight',
        'self_attn.out_proj.bias',
        'multihead_attn.in_proj_weight',
        'multihead_attn.in_proj_bias',
        'multihead_attn.out_proj.weight',
        'multihead_attn.out_proj.bias',
        'linear1.weight',
        'linear1.bias',
        'linear2.weight',
        'linear2.bias',
        'norm1.weight',
        'norm1.bias',
        'norm2.weight',
        'norm2.bias',
        'norm3.weight',
        'norm3.bias',
      ]);
      const g = new Generator(2);
      assertGradcheck(
        (tgt, memory) => layer.forward(tgt, memory, { tgtIsCausal: true }),
        [
          randn(2, 3, 4, { generator: g, requiresGrad: true }),
          randn(2, 5, 4, { generator: g, requiresGrad: true }),
        ],
      );
    }
    expect(() => new TransformerDecoderLayer(6, 4)).toThrow(
      'TransformerDecoderLayer: dModel (6) must be divisible by nhead (4); each head gets dModel / nhead dims',
    );
  });
});

describe('Seq2SeqTransformer', () => {
  it('has nn.Transformer state-dict names and the shapes of the paper', () => {
    const model = new Seq2SeqTransformer(tiny);
    const keys = Object.keys(model.stateDict());
    expect(keys).toContain('src_tok_emb.weight');
    expect(keys).toContain('transformer.encoder.layers.0.self_attn.in_proj_weight');
    expect(keys).toContain('transformer.encoder.norm.weight');
    expect(keys).toContain('transformer.decoder.layers.1.multihead_attn.out_proj.weight');
    expect(keys).toContain('transformer.decoder.layers.1.norm3.bias');
    expect(keys).toContain('transformer.decoder.norm.weight');
    expect(keys).toContain('generator.weight');
    const { logits, loss } = model.forward(ids([[3, 4, 5, 0]]), ids([[1, 4, 3]]), {
      targets: ids([[4, 3, 2]]),
    });
    expect(logits.shape).toEqual([1, 3, 7]);
    expect(Math.abs(loss!.item() - Math.log(7))).toBeLessThan(0.7);
  });

  it('ignores source padding and future target tokens', () => {
    manualSeed(3);
    const model = new Seq2SeqTransformer(tiny).eval();
    const a = model.forward(ids([[3, 4, 0, 0]]), ids([[1, 5, 6]])).logits;
    const b = model.forward(ids([[3, 4, 0, 0, 0]]), ids([[1, 5, 3]])).logits;
    testing.assertClose(a.narrow(1, 0, 2), b.narrow(1, 0, 2), { atol: 1e-5 });
  });

  it('generates the same tokens with and without the cache, stopping at EOS', () => {
    manualSeed(4);
    const model = new Seq2SeqTransformer(tiny);
    const src = ids([
      [3, 4, 5, 6],
      [7, 8, 0, 0],
    ]);
    for (const options of [{ temperature: 0 }, { temperature: 1, seed: 5 }]) {
      const cached = model.generate(src, { ...options, maxNewTokens: 8, useCache: true });
      const plain = model.generate(src, { ...options, maxNewTokens: 8, useCache: false });
      expect(cached.toArray()).toEqual(plain.toArray());
    }
    expect(() => model.generate(src, { maxNewTokens: 12 })).toThrow(
      /maxNewTokens must be an integer in \[1, 11\]/,
    );
  });

  it('every backend gives the js reference logits and gradients', () => {
    expectBackendsMatchReference(() => {
      manualSeed(6);
      const model = new Seq2SeqTransformer(tiny);
      const { logits, loss } = model.forward(
        ids([
          [3, 4, 5, 0],
          [6, 7, 0, 0],
        ]),
        ids([
          [1, 4, 3],
          [1, 5, 0],
        ]),
        {
          targets: ids([
            [4, 3, 2],
            [5, 2, 0],
          ]),
        },
      );
      loss!.backward();
      return { logits, model };
    });
  });

  it('learns to reverse digit strings', () => {
    setBackend(testing.backendConfigs().some((c) => c.name === 'wasm') ? 'wasm' : 'js');
    manualSeed(0);
    const g = new Generator(1);
    const L = 4;
    const pad = (a: number[], n: number) => [...a, ...new Array(n - a.length).fill(0)];
    const batch = (B: number) => {
      const rows = Array.from({ length: B }, () =>
        Array.from({ length: 2 + g.integer(0, L - 1) }, () => 3 + g.integer(0, 6)),
      );
      return {
        src: ids(rows.map((d) => pad(d, L))),
        tgtIn: ids(rows.map((d) => pad([1, ...[...d].reverse()], L + 1))),
        targets: ids(rows.map((d) => pad([...[...d].reverse(), 2], L + 1))),
      };
    };
    const model = new Seq2SeqTransformer({
      srcVocabSize: 9,
      tgtVocabSize: 9,
      dModel: 32,
      nHead: 4,
      dropout: 0,
      maxLen: 8,
    });
    const optimizer = new AdamW(model.parameters(), { lr: 2e-3, weightDecay: 0 });
    for (let step = 0; step < 150; step++) {
      const { src, tgtIn, targets } = batch(32);
      const { loss } = model.forward(src, tgtIn, { targets });
      optimizer.zeroGrad();
      loss!.backward();
      optimizer.step();
    }
    const test = batch(100);
    const out = model.generate(test.src, { maxNewTokens: L + 1, temperature: 0 });
    const row = (t: Tensor, b: number) => {
      const r = Array.from(t.data.subarray(b * t.shape[1], (b + 1) * t.shape[1]));
      return r.slice(0, r.indexOf(2) + 1).join(' ');
    };
    let exact = 0;
    for (let b = 0; b < 100; b++) if (row(out, b) === row(test.targets, b)) exact++;
    expect(exact).toBeGreaterThanOrEqual(80);
  });

  it('refuses bad configs and inputs with the field named', () => {
    expect(() => new Seq2SeqTransformer({ ...tiny, dModel: 9 })).toThrow(
      'Seq2SeqTransformer: config.dModel (9) must be divisible by config.nHead (2)',
    );
    expect(() => new Seq2SeqTransformer({ ...tiny, eosId: 1 })).toThrow(
      /padId, bosId and eosId must be three different ids/,
    );
    expect(() => new Seq2SeqTransformer({ ...tiny, hidden: 3 } as typeof tiny)).toThrow(
      /unknown config field 'hidden'/,
    );
    const model = new Seq2SeqTransformer(tiny);
    expect(() => model.forward(ids([[3, 9]]), ids([[1]]))).toThrow(
      'Seq2SeqTransformer: src holds 9 at flat index 1, not a token id in [0, 9)',
    );
    expect(() => model.forward(ids([new Array(13).fill(3)]), ids([[1]]))).toThrow(
      /src has length 13, more than config.maxLen \(12\)/,
    );
  });
});

describe('introspection', () => {
  it('traces the shapes of one pass and breaks the parameters down by component', async () => {
    const { seq2seqParameterBreakdown, seq2seqShapeTrace, formatParameterBreakdown } = await import(
      '../src/index.js'
    );
    const model = new Seq2SeqTransformer(tiny);
    const steps = seq2seqShapeTrace(model, ids([[3, 4, 5]]), ids([[1, 4]]));
    const byName = Object.fromEntries(steps.map((s) => [s.name, s.shape]));
    expect(byName).toMatchObject({
      src: [1, 3],
      memory: [1, 3, 8],
      'decoder.layers.0.multihead_attn.scores': [1, 2, 2, 3],
      'decoder.layers.1.self_attn.scores': [1, 2, 2, 2],
      logits: [1, 2, 7],
    });
    const breakdown = seq2seqParameterBreakdown(model);
    expect(breakdown.total).toBe(model.numParameters());
    expect(breakdown.groups.map((g) => g.name)).toEqual([
      'src_tok_emb',
      'tgt_tok_emb',
      'encoder',
      'decoder',
      'generator',
    ]);
    expect(formatParameterBreakdown(breakdown)).toMatch(/decoder\s+[\d,]+/);
  });
});
