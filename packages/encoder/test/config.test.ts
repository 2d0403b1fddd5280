import { manualSeed, testing } from '@xf/tensor';
import { describe, expect, it } from 'vitest';
import {
  EncoderClassifier,
  type EncoderClassifierConfig,
  encoderClassifierDefaults,
  resolveEncoderClassifierConfig,
} from '../src/index.js';

describe('EncoderClassifier config', () => {
  it('fills in every default, resolving dimFeedforward and finalNorm', () => {
    expect(resolveEncoderClassifierConfig({ vocabSize: 50 })).toEqual({
      vocabSize: 50,
      maxLen: 128,
      dModel: 64,
      nHead: 4,
      nLayer: 2,
      dimFeedforward: 256,
      dropout: 0.1,
      activation: 'relu',
      layerNormEps: 1e-5,
      normFirst: false,
      finalNorm: false,
      bias: true,
      positional: 'sinusoidal',
      scaleEmbedding: false,
      pooling: 'mean',
      numClasses: 2,
      binaryHead: 'sigmoid',
      padId: null,
    });
    const pre = resolveEncoderClassifierConfig({ vocabSize: 50, normFirst: true, dModel: 32 });
    expect([pre.finalNorm, pre.dimFeedforward]).toEqual([true, 128]);
    // a field given as undefined takes its default
    expect(resolveEncoderClassifierConfig({ vocabSize: 5, dModel: undefined }).dModel).toBe(64);
    expect(Object.keys(encoderClassifierDefaults)).toHaveLength(17);
  });

  it('round-trips through JSON and rebuilds an identical model with loadStateDict', () => {
    manualSeed(0);
    const config: EncoderClassifierConfig = {
      vocabSize: 20,
      maxLen: 10,
      dModel: 8,
      nHead: 2,
      nLayer: 2,
      normFirst: true,
      positional: 'learned',
      pooling: 'cls',
      numClasses: 3,
      padId: 0,
      activation: 'gelu',
    };
    const model = new EncoderClassifier(config).eval();
    const json = JSON.stringify(model); // toJSON gives the resolved config
    expect(JSON.parse(json)).toEqual(model.config);
    expect(JSON.parse(JSON.stringify(model.config))).toEqual(model.config);

    manualSeed(99); // a different random start, replaced by the loaded weights
    const rebuilt = new EncoderClassifier(JSON.parse(json)).eval();
    expect(Object.keys(rebuilt.stateDict())).toEqual(Object.keys(model.stateDict()));
    const ids = [
      [5, 6, 7, 0],
      [9, 1, 2, 3],
    ];
    expect(testing.compareClose(rebuilt.forward(ids).logits, model.forward(ids).logits).ok).toBe(
      false,
    );
    rebuilt.loadStateDict(model.stateDict());
    testing.assertClose(rebuilt.forward(ids).logits, model.forward(ids).logits, {
      atol: 0,
      rtol: 0,
    });
    expect(rebuilt.config).toEqual(model.config);
  });

  it('the config on the instance cannot be changed behind the model', () => {
    const model = new EncoderClassifier({ vocabSize: 5, dModel: 8, nHead: 2, nLayer: 1 });
    expect(Object.isFrozen(model.config)).toBe(true);
    expect(() => {
      (model.config as { dModel: number }).dModel = 16;
    }).toThrow();
  });

  it('state-dict names: embedding, positional (learned only), encoder.layers.{i}, encoder.norm, head', () => {
    const learned = new EncoderClassifier({
      vocabSize: 5,
      maxLen: 6,
      dModel: 8,
      nHead: 2,
      nLayer: 1,
      dimFeedforward: 16,
      positional: 'learned',
      normFirst: true,
      numClasses: 3,
    });
    expect(Object.entries(learned.stateDict()).map(([k, v]) => [k, v.shape])).toEqual([
      ['embedding.weight', [5, 8]],
      ['positional.weight', [6, 8]],
      ['encoder.layers.0.self_attn.in_proj_weight', [24, 8]],
      ['encoder.layers.0.self_attn.in_proj_bias', [24]],
      ['encoder.layers.0.self_attn.out_proj.weight', [8, 8]],
      ['encoder.layers.0.self_attn.out_proj.bias', [8]],
      ['encoder.layers.0.linear1.weight', [16, 8]],
      ['encoder.layers.0.linear1.bias', [16]],
      ['encoder.layers.0.linear2.weight', [8, 16]],
      ['encoder.layers.0.linear2.bias', [8]],
      ['encoder.layers.0.norm1.weight', [8]],
      ['encoder.layers.0.norm1.bias', [8]],
      ['encoder.layers.0.norm2.weight', [8]],
      ['encoder.layers.0.norm2.bias', [8]],
      ['encoder.norm.weight', [8]],
      ['encoder.norm.bias', [8]],
      ['head.weight', [3, 8]],
      ['head.bias', [3]],
    ]);
    const sinusoidal = new EncoderClassifier({ vocabSize: 5, dModel: 8, nHead: 2, nLayer: 1 });
    const names = Object.keys(sinusoidal.stateDict());
    expect(names.filter((k) => !k.startsWith('encoder.layers.0.'))).toEqual([
      'embedding.weight',
      'head.weight',
      'head.bias',
    ]);
    expect(sinusoidal.head.weight.shape).toEqual([1, 8]);
  });

  it('refuses bad fields, naming each', () => {
    const bad: [Record<string, unknown>, string][] = [
      [
        { dModel: 100, nHead: 3 },
        'EncoderClassifier: config.dModel (100) must be divisible by config.nHead (3)',
      ],
      [{ vocabSize: 0 }, 'EncoderClassifier: config.vocabSize must be a positive integer, got 0'],
      [
        { vocabSize: undefined },
        'EncoderClassifier: config.vocabSize must be a positive integer, got undefined',
      ],
      [{ maxLen: 2.5 }, 'EncoderClassifier: config.maxLen must be a positive integer, got 2.5'],
      [{ nLayer: -1 }, 'EncoderClassifier: config.nLayer must be a positive integer, got -1'],
      [
        { dimFeedforward: 0 },
        'EncoderClassifier: config.dimFeedforward must be a positive integer, got 0',
      ],
      [
        { dropout: 1.5 },
        'EncoderClassifier: config.dropout must be a probability between 0 and 1, got 1.5',
      ],
      [
        { activation: 'tanh' },
        "EncoderClassifier: config.activation must be one of 'relu', 'gelu', 'gelu-tanh', 'silu', got \"tanh\"",
      ],
      [
        { layerNormEps: 0 },
        'EncoderClassifier: config.layerNormEps must be a positive number, got 0',
      ],
      [
        { normFirst: 'yes' },
        'EncoderClassifier: config.normFirst must be true or false, got "yes"',
      ],
      [{ finalNorm: 1 }, 'EncoderClassifier: config.finalNorm must be true or false, got 1'],
      [
        { positional: 'rotary' },
        "EncoderClassifier: config.positional must be 'sinusoidal' or 'learned', got \"rotary\"",
      ],
      [
        { pooling: 'max' },
        "EncoderClassifier: config.pooling must be 'mean' or 'cls', got \"max\"",
      ],
      [
        { numClasses: 1 },
        'EncoderClassifier: config.numClasses must be an integer of at least 2, got 1',
      ],
      [
        { binaryHead: 'tanh' },
        "EncoderClassifier: config.binaryHead must be 'sigmoid' or 'softmax', got \"tanh\"",
      ],
      [
        { padId: 10 },
        'EncoderClassifier: config.padId must be null or a token id in [0, config.vocabSize = 10), got 10',
      ],
      [
        { nHeads: 2 },
        'EncoderClassifier: unknown config field "nHeads" (known fields: vocabSize, maxLen, dModel, nHead',
      ],
    ];
    for (const [fields, message] of bad) {
      expect(
        () => new EncoderClassifier({ vocabSize: 10, ...fields } as EncoderClassifierConfig),
      ).toThrow(message);
    }
    expect(() => new EncoderClassifier(null as never)).toThrow(
      'EncoderClassifier: config must be an object with at least vocabSize, got null',
    );
  });
});
