import { getRngState, manualSeed } from '@xf/tensor';
import { describe, expect, it } from 'vitest';
import { EncoderClassifier, encoderShapeTrace } from '../src/index.js';

const layerSteps = (prefix: string, B: number, T: number, d: number, H: number, ff: number) => [
  [`${prefix}.self_attn.q`, [B, H, T, d / H]],
  [`${prefix}.self_attn.k`, [B, H, T, d / H]],
  [`${prefix}.self_attn.v`, [B, H, T, d / H]],
  [`${prefix}.self_attn.scores`, [B, H, T, T]],
  [`${prefix}.self_attn.weights`, [B, H, T, T]],
  [`${prefix}.self_attn.heads`, [B, H, T, d / H]],
  [`${prefix}.self_attn.merged`, [B, T, d]],
  [`${prefix}.self_attn.out`, [B, T, d]],
  [`${prefix}.ffn.hidden`, [B, T, ff]],
  [`${prefix}.ffn.out`, [B, T, d]],
];

describe('encoderShapeTrace', () => {
  it('lists every step of a post-norm classifier, ids to loss, with its shape', () => {
    manualSeed(0);
    const model = new EncoderClassifier({
      vocabSize: 10,
      maxLen: 8,
      dModel: 8,
      nHead: 2,
      nLayer: 1,
      dimFeedforward: 16,
      numClasses: 3,
    });
    const [attn, ffn] = [
      layerSteps('encoder.layers.0', 2, 5, 8, 2, 16).slice(0, 8),
      layerSteps('encoder.layers.0', 2, 5, 8, 2, 16).slice(8),
    ];
    const rng = getRngState();
    const { steps, text } = encoderShapeTrace(
      model,
      [
        [1, 2, 3, 4, 5],
        [6, 7, 8, 0, 0],
      ],
      { lengths: [5, 3], targets: [2, 0] },
    );
    expect(steps.map((s) => [s.name, s.shape])).toEqual([
      ['ids', [2, 5]],
      ['padding_mask', [2, 5]],
      ['embedding', [2, 5, 8]],
      ['positional', [2, 5, 8]],
      ...attn,
      ['encoder.layers.0.norm1', [2, 5, 8]],
      ...ffn,
      ['encoder.layers.0.norm2', [2, 5, 8]],
      ['pooled', [2, 8]],
      ['logits', [2, 3]],
      ['loss', []],
    ]);
    // eval mode for the trace, no random numbers drawn, the model's mode kept
    expect(getRngState()).toEqual(rng);
    expect(model.training).toBe(true);
    const lines = text.split('\n');
    expect(lines).toHaveLength(steps.length);
    expect(lines[0]).toMatch(/^ids +\[2, 5\] +token ids$/);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^encoder\.layers\.0\.self_attn\.scores +\[2, 2, 5, 5\] +q kᵀ \/ √d_head$/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^encoder\.layers\.0\.ffn\.hidden +\[2, 5, 16\] /),
    );
    expect(lines[lines.length - 2]).toMatch(/^logits +\[2, 3\] +one logit per class$/);
  });

  it('pre-norm layers mark norm → attention → residual → norm → FFN → residual, then the final norm', () => {
    manualSeed(0);
    const model = new EncoderClassifier({
      vocabSize: 10,
      maxLen: 8,
      dModel: 4,
      nHead: 1,
      nLayer: 2,
      normFirst: true,
      pooling: 'cls',
      positional: 'learned',
    });
    const { steps } = encoderShapeTrace(model, [[1, 2, 3]]);
    const names = steps.map((s) => s.name);
    const layer = (i: number) => {
      const s = layerSteps(`encoder.layers.${i}`, 1, 3, 4, 1, 16).map(([n]) => n as string);
      return [
        `encoder.layers.${i}.norm1`,
        ...s.slice(0, 8),
        `encoder.layers.${i}.residual1`,
        `encoder.layers.${i}.norm2`,
        ...s.slice(8),
        `encoder.layers.${i}.residual2`,
      ];
    };
    expect(names).toEqual([
      'ids',
      'embedding',
      'positional',
      ...layer(0),
      ...layer(1),
      'encoder.norm',
      'pooled',
      'logits',
    ]);
    expect(steps.find((s) => s.name === 'pooled')?.note).toBe('first token ([CLS])');
    expect(steps.find((s) => s.name === 'logits')?.shape).toEqual([1]);
  });
});
