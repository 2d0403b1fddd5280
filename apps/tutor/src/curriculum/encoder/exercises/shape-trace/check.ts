import { EncoderClassifier, encoderShapeTrace } from '@xf/encoder';
import { defineCheck } from '../../../../engine/types.js';

interface TraceConfig {
  B: number;
  T: number;
  dModel: number;
  nHead: number;
  dimFeedforward: number;
  numClasses: number;
}
type Shapes = Record<
  'embedding' | 'q' | 'scores' | 'merged' | 'ffnHidden' | 'pooled' | 'logits',
  number[]
>;
type Impl = { predictShapes: (c: TraceConfig) => Shapes };
interface Input {
  c: TraceConfig;
}

const STEPS: [keyof Shapes, string][] = [
  ['embedding', 'embedding'],
  ['q', 'encoder.layers.0.self_attn.q'],
  ['scores', 'encoder.layers.0.self_attn.scores'],
  ['merged', 'encoder.layers.0.self_attn.merged'],
  ['ffnHidden', 'encoder.layers.0.ffn.hidden'],
  ['pooled', 'pooled'],
  ['logits', 'logits'],
];

const correct = (c: TraceConfig): Shapes => ({
  embedding: [c.B, c.T, c.dModel],
  q: [c.B, c.nHead, c.T, c.dModel / c.nHead],
  scores: [c.B, c.nHead, c.T, c.T],
  merged: [c.B, c.T, c.dModel],
  ffnHidden: [c.B, c.T, c.dimFeedforward],
  pooled: [c.B, c.dModel],
  logits: c.numClasses === 2 ? [c.B] : [c.B, c.numClasses],
});

const cfg = (c: TraceConfig) => () => ({ c });

export default defineCheck<Impl, Input>({
  title: 'the shapes through an encoder classifier',
  functions: ['predictShapes'],
  reference: 'encoderShapeTrace(new EncoderClassifier(config), ids) from @xf/encoder',
  referenceImpl: {
    predictShapes: (c) => {
      const model = new EncoderClassifier({
        vocabSize: 20,
        maxLen: Math.max(8, c.T),
        dModel: c.dModel,
        nHead: c.nHead,
        nLayer: 1,
        dimFeedforward: c.dimFeedforward,
        numClasses: c.numClasses,
        dropout: 0,
      });
      const ids = Array.from({ length: c.B }, (_, b) =>
        Array.from({ length: c.T }, (_, t) => (b + t) % 20),
      );
      const { steps } = encoderShapeTrace(model, ids);
      const byName = new Map(steps.map((s) => [s.name, s.shape]));
      return Object.fromEntries(
        STEPS.map(([key, name]) => [key, byName.get(name) ?? `no step ${name}`]),
      ) as Shapes;
    },
  },
  tolerance: { atol: 0, rtol: 0 },
  seed: 7200,
  cases: [
    {
      label: 'B 2, T 5, d 8, 2 heads, 3 classes',
      make: cfg({ B: 2, T: 5, dModel: 8, nHead: 2, dimFeedforward: 32, numClasses: 3 }),
    },
    {
      label: 'one sequence of one token (length 1)',
      make: cfg({ B: 1, T: 1, dModel: 4, nHead: 1, dimFeedforward: 8, numClasses: 5 }),
    },
    {
      label: 'two classes (a sigmoid head)',
      make: cfg({ B: 3, T: 4, dModel: 12, nHead: 3, dimFeedforward: 24, numClasses: 2 }),
    },
  ],
  run: (impl, { c }) => impl.predictShapes(c),
  mistakes: [
    {
      id: 'heads-not-split',
      title: 'queries kept as [B, T, dModel]',
      explain:
        'Attention runs per head: q is split into [B, nHead, T, dModel / nHead], and the scores gain a head axis too.',
      impl: {
        predictShapes: (c) => ({ ...correct(c), q: [c.B, c.T, c.dModel], scores: [c.B, c.T, c.T] }),
      },
    },
    {
      id: 'two-logits',
      title: 'two logits for two classes',
      explain:
        'With numClasses = 2, @xf/encoder uses a single logit per sequence and a sigmoid (binary cross-entropy): logits are [B].',
      impl: { predictShapes: (c) => ({ ...correct(c), logits: [c.B, c.numClasses] }) },
    },
    {
      id: 'head-dim-last',
      title: 'heads after the tokens: [B, T, nHead, d_head]',
      explain:
        'After the reshape to [B, T, nHead, d_head] comes a transpose(1, 2): heads go before tokens, [B, nHead, T, d_head].',
      impl: {
        predictShapes: (c) => ({ ...correct(c), q: [c.B, c.T, c.nHead, c.dModel / c.nHead] }),
      },
    },
  ],
});
