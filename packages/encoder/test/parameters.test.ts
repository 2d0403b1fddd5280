import { LayerNorm } from '@xf/norm-residual';
import { nn } from '@xf/tensor';
import { describe, expect, it } from 'vitest';
import {
  EncoderClassifier,
  encoderParameterBreakdown,
  formatCount,
  formatParameterBreakdown,
  type ParameterGroup,
  parameterBreakdown,
  TransformerEncoder,
  TransformerEncoderLayer,
} from '../src/index.js';

const counts = (groups: ParameterGroup[]): unknown[] =>
  groups.map((g) =>
    g.children.length ? [g.name, g.count, counts(g.children)] : [g.name, g.count],
  );

describe('parameter breakdown', () => {
  it('matches hand-computed counts and sums to numParameters()', () => {
    const model = new EncoderClassifier({
      vocabSize: 10,
      maxLen: 6,
      dModel: 8,
      nHead: 2,
      nLayer: 1,
      dimFeedforward: 16,
      positional: 'learned',
      numClasses: 3,
      normFirst: true,
    });
    const b = encoderParameterBreakdown(model);
    // attention: in_proj 3·8·8 + 3·8, out_proj 8·8 + 8; ffn: 16·8 + 16 + 8·16 + 8; norms: 2·(8 + 8)
    expect(counts(b.groups)).toEqual([
      ['token embedding', 10 * 8],
      ['positional', 6 * 8],
      [
        'layers.0',
        600,
        [
          ['attention', 192 + 24 + 64 + 8],
          ['ffn', 128 + 16 + 128 + 8],
          ['norms', 32],
        ],
      ],
      ['final norm', 16],
      ['classifier head', 8 * 3 + 3],
    ]);
    expect(b.total).toBe(771);
    expect(b.total).toBe(model.numParameters());
    expect(b.groups.find((g) => g.name === 'final norm')?.parameters).toEqual([
      'encoder.norm.weight',
      'encoder.norm.bias',
    ]);
    expect(formatParameterBreakdown(b)).toBe(
      [
        'component        parameters   share',
        'token embedding          80   10.4%',
        'positional               48    6.2%',
        'layers.0                600   77.8%',
        '  attention             288   37.4%',
        '  ffn                   280   36.3%',
        '  norms                  32    4.2%',
        'final norm               16    2.1%',
        'classifier head          27    3.5%',
        'total                   771  100.0%',
      ].join('\n'),
    );
  });

  it('shows a fixed positional table as 0 and sums per layer for a default-sized model', () => {
    const model = new EncoderClassifier({ vocabSize: 1000 });
    const b = encoderParameterBreakdown(model);
    expect(b.groups.map((g) => g.name)).toEqual([
      'token embedding',
      'positional',
      'layers.0',
      'layers.1',
      'classifier head',
    ]);
    expect(b.groups[1].count).toBe(0);
    const layer = 4 * 64 * 64 + 4 * 64 + (2 * 64 * 256 + 256 + 64) + 4 * 64;
    expect(b.groups[2].count).toBe(layer);
    expect(b.total).toBe(1000 * 64 + 2 * layer + 65);
    expect(b.total).toBe(model.numParameters());
    expect(formatCount(b.total)).toBe('164,033');
  });

  it('works for a TransformerEncoder and for one layer', () => {
    const layer = new TransformerEncoderLayer(8, 2, { dimFeedforward: 16 });
    expect(counts(encoderParameterBreakdown(layer).groups)).toEqual([
      ['attention', 288],
      ['ffn', 280],
      ['norms', 32],
    ]);
    const encoder = new TransformerEncoder(layer, 2, { norm: new LayerNorm(8) });
    const b = encoderParameterBreakdown(encoder);
    expect(b.groups.map((g) => [g.name, g.count])).toEqual([
      ['layers.0', 600],
      ['layers.1', 600],
      ['final norm', 16],
    ]);
    expect(b.total).toBe(encoder.numParameters());
  });

  it('is generic: any grouping, shared parameters counted once', () => {
    class Tied extends nn.Module {
      wte = new nn.Embedding(5, 3);
      lm_head = new nn.Linear(3, 5, { bias: false });
      constructor() {
        super();
        this.lm_head.weight = this.wte.weight; // tied, as GPT's head
      }
    }
    const model = new Tied();
    const b = parameterBreakdown(model, (name) => [name.split('.')[0]], {
      groups: [['wte'], ['wpe'], ['lm_head']],
    });
    expect(b.groups.map((g) => [g.name, g.count])).toEqual([
      ['wte', 15],
      ['wpe', 0],
      ['lm_head', 0],
    ]);
    expect(b.total).toBe(model.numParameters());
    expect(() => parameterBreakdown(model, () => [])).toThrow(
      'parameterBreakdown: no group for parameter wte.weight',
    );
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(999)).toBe('999');
  });
});
