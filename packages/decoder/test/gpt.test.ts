import {
  crossEntropy,
  Generator,
  manualSeed,
  noGrad,
  randint,
  setBackend,
  type Tensor,
  tensor,
  testing,
} from '@xf/tensor';
import { AdamW } from '@xf/trainer';
import { afterEach, describe, expect, it } from 'vitest';
import { GPT, type GPTConfig, gptParameterBreakdown, gptShapeTrace } from '../src/index.js';
import { expectBackendsMatchReference } from './helpers.js';

const tiny: Partial<GPTConfig> = { vocabSize: 11, blockSize: 8, nLayer: 2, nHead: 2, nEmbd: 8 };

afterEach(() => setBackend('js'));

function ids(B: number, T: number, V: number, seed = 0): Tensor {
  return randint(0, V, [B, T], { generator: new Generator(seed) });
}

describe('GPT structure', () => {
  it("uses nanoGPT's state-dict names and layouts", () => {
    manualSeed(0);
    const model = new GPT({ ...tiny, nLayer: 1 });
    const shapes = Object.fromEntries(
      Object.entries(model.stateDict()).map(([k, v]) => [k, v.shape]),
    );
    expect(shapes).toEqual({
      'transformer.wte.weight': [11, 8],
      'transformer.wpe.weight': [8, 8],
      'transformer.h.0.ln_1.weight': [8],
      'transformer.h.0.ln_1.bias': [8],
      'transformer.h.0.attn.c_attn.weight': [24, 8],
      'transformer.h.0.attn.c_attn.bias': [24],
      'transformer.h.0.attn.c_proj.weight': [8, 8],
      'transformer.h.0.attn.c_proj.bias': [8],
      'transformer.h.0.ln_2.weight': [8],
      'transformer.h.0.ln_2.bias': [8],
      'transformer.h.0.mlp.c_fc.weight': [32, 8],
      'transformer.h.0.mlp.c_fc.bias': [32],
      'transformer.h.0.mlp.c_proj.weight': [8, 32],
      'transformer.h.0.mlp.c_proj.bias': [8],
      'transformer.ln_f.weight': [8],
      'transformer.ln_f.bias': [8],
      'lm_head.weight': [11, 8],
    });
    expect(model.lm_head.weight).toBe(model.transformer.wte.weight);
  });

  it('counts parameters from the config, equal to the model', () => {
    for (const config of [
      tiny,
      { ...tiny, bias: false, tieWeights: false },
      { ...tiny, positional: 'rotary' as const },
    ]) {
      expect(new GPT(config).numParameters()).toBe(gptParameterBreakdown(config).total);
    }
  });

  it('GPT-2 small has 124,439,808 parameters', () => {
    const gpt2 = {
      vocabSize: 50257,
      blockSize: 1024,
      nLayer: 12,
      nHead: 12,
      nEmbd: 768,
      bias: true,
    };
    expect(gptParameterBreakdown(gpt2).total).toBe(124_439_808);
  });

  it('initialises as GPT-2: N(0, 0.02), scaled residual projections, zero biases', () => {
    manualSeed(1);
    const model = new GPT({ vocabSize: 64, blockSize: 16, nLayer: 8, nHead: 4, nEmbd: 64 });
    const std = (t: Tensor) => Math.sqrt(t.data.reduce((s, v) => s + v * v, 0) / t.numel());
    expect(std(model.transformer.wte.weight)).toBeCloseTo(0.02, 2);
    expect(std(model.transformer.h.at(0).mlp.c_proj.weight)).toBeCloseTo(0.02 / 4, 3);
    expect(model.transformer.h.at(0).attn.c_attn.bias!.data.every((v) => v === 0)).toBe(true);
  });

  it('refuses configs and inputs that cannot work, naming the field', () => {
    expect(() => new GPT({ ...tiny, nHead: 3 })).toThrow(
      'GPT: config.nEmbd (8) must be divisible by config.nHead (3): each head gets nEmbd / nHead channels',
    );
    expect(() => new GPT({ ...tiny, vocabSize: 0 })).toThrow(
      'GPT: config.vocabSize must be a positive integer, got 0',
    );
    expect(() => new GPT({ ...tiny, dropout: 1 })).toThrow(/config.dropout must be in \[0, 1\)/);
    expect(() => new GPT({ ...tiny, positional: 'alibi' as 'learned' })).toThrow(
      /config.positional must be 'learned' or 'rotary'/,
    );
    expect(() => new GPT({ ...tiny, nLayers: 2 } as Partial<GPTConfig>)).toThrow(
      /unknown config field 'nLayers'/,
    );
    const model = new GPT(tiny);
    expect(() => model.forward(ids(1, 9, 11))).toThrow(
      'GPT: cannot read 9 tokens after 0 cached ones: 9 > config.blockSize (8); crop the input to the last 8 tokens',
    );
    expect(() => model.forward(tensor([1, 2, 3]))).toThrow(
      /idx must be token ids \[B, T\], got shape \[3\]/,
    );
    expect(() => model.forward(tensor([[1, 11]]))).toThrow(/index 11 is out of range/);
  });
});

describe('GPT forward and backward', () => {
  it('gives logits [B, T, vocab] and the mean cross-entropy, near ln(vocab) at init', () => {
    manualSeed(2);
    const model = new GPT({ ...tiny, vocabSize: 50 });
    const x = ids(3, 8, 50, 1);
    const y = ids(3, 8, 50, 2);
    const { logits, loss } = model.forward(x, y);
    expect(logits.shape).toEqual([3, 8, 50]);
    testing.assertClose(loss!, crossEntropy(logits.reshape(24, 50), y.reshape(24)));
    expect(Math.abs(loss!.item() - Math.log(50))).toBeLessThan(0.1);
  });

  it('ignores targets of -1', () => {
    const model = new GPT(tiny);
    const x = ids(1, 4, 11);
    const all = model.forward(x, tensor([[1, 2, 3, 4]])).loss!;
    const part = model.forward(x, tensor([[1, 2, -1, -1]])).loss!;
    const { logits } = model.forward(x);
    testing.assertClose(part, crossEntropy(logits.reshape(4, 11).narrow(0, 0, 2), tensor([1, 2])));
    expect(part.item()).not.toBe(all.item());
  });

  it('is causal: later tokens do not change earlier logits', () => {
    const model = new GPT(tiny);
    const a = tensor([[1, 2, 3, 4, 5]]);
    const b = tensor([[1, 2, 3, 9, 0]]);
    const la = model.forward(a).logits.narrow(1, 0, 3);
    const lb = model.forward(b).logits.narrow(1, 0, 3);
    testing.assertClose(la, lb);
  });

  for (const variant of [
    { name: 'pre-norm, learned positions', config: tiny },
    {
      name: 'post-norm, rotary positions, untied, no bias',
      config: {
        ...tiny,
        norm: 'post' as const,
        positional: 'rotary' as const,
        tieWeights: false,
        bias: false,
      },
    },
  ]) {
    it(`${variant.name}: gradients match finite differences`, () => {
      manualSeed(3);
      const model = new GPT(variant.config);
      const x = ids(2, 5, 11, 4);
      const y = ids(2, 5, 11, 5);
      const loss = model.forward(x, y).loss!;
      model.zeroGrad();
      loss.backward();
      const g = new Generator(7);
      const params = model.namedParameters();
      for (let trial = 0; trial < 24; trial++) {
        const [name, p] = params[g.integer(0, params.length)];
        const i = g.integer(0, p.numel());
        const eps = 1e-2;
        const at = (delta: number) =>
          noGrad(() => {
            const old = p.data[i];
            p.data[i] = old + delta;
            const l = model.forward(x, y).loss!.item();
            p.data[i] = old;
            return l;
          });
        const numeric = (at(eps) - at(-eps)) / (2 * eps);
        const analytic = p.grad!.data[i];
        expect(
          Math.abs(numeric - analytic),
          `${name}[${i}]: ${analytic} vs ${numeric}`,
        ).toBeLessThan(2e-3 + 0.02 * Math.abs(numeric));
      }
    });
  }

  it('every backend gives the js reference logits and gradients', () => {
    expectBackendsMatchReference(() => {
      manualSeed(4);
      const model = new GPT(tiny);
      const { logits, loss } = model.forward(ids(2, 6, 11, 1), ids(2, 6, 11, 2));
      loss!.backward();
      return { logits, model };
    });
  });

  it('overfits one small batch to near-zero loss', () => {
    manualSeed(5);
    setBackend(testing.backendConfigs().some((c) => c.name === 'wasm') ? 'wasm' : 'js');
    const model = new GPT({ vocabSize: 16, blockSize: 8, nLayer: 2, nHead: 2, nEmbd: 32 });
    const x = ids(4, 8, 16, 1);
    const y = ids(4, 8, 16, 2);
    const optimizer = new AdamW(model.parameters(), { lr: 1e-2, weightDecay: 0 });
    let loss = Number.POSITIVE_INFINITY;
    for (let step = 0; step < 150; step++) {
      const out = model.forward(x, y).loss!;
      optimizer.zeroGrad();
      out.backward();
      optimizer.step();
      loss = out.item();
    }
    expect(loss).toBeLessThan(0.05);
  });
});

describe('shape trace', () => {
  it('lists every step from ids to logits', () => {
    const model = new GPT(tiny);
    const steps = gptShapeTrace(model, ids(2, 5, 11));
    const byName = Object.fromEntries(steps.map((s) => [s.name, s.shape]));
    expect(byName).toMatchObject({
      idx: [2, 5],
      wte: [2, 5, 8],
      wpe: [5, 8],
      'h.0.attn.q': [2, 2, 5, 4],
      'h.0.attn.k': [2, 2, 5, 4],
      'h.0.attn.scores': [2, 2, 5, 5],
      'h.0.attn.heads': [2, 2, 5, 4],
      'h.0.attn.merged': [2, 5, 8],
      'h.1.mlp.hidden': [2, 5, 32],
      logits: [2, 5, 11],
    });
    expect(steps[0].name).toBe('idx');
    expect(steps[steps.length - 1].name).toBe('logits');
  });
});

describe('attention maps', () => {
  it('gives causal weights per layer and head that sum to one over the keys', () => {
    const model = new GPT(tiny);
    const maps = model.attentionMaps(tensor([[1, 2, 3, 4]]));
    expect(maps).toHaveLength(2);
    expect(maps[0].shape).toEqual([1, 2, 4, 4]);
    for (const m of maps) {
      const w = m.toArray() as number[][][][];
      for (const head of w[0]) {
        head.forEach((row, i) => {
          expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
          row.forEach((v, j) => {
            if (j > i) expect(v).toBe(0);
          });
        });
      }
    }
    expect(model.transformer.h.at(0).attn.lastAttnWeights).toBeNull();
  });
});
