import {
  binaryCrossEntropyWithLogits,
  crossEntropy,
  manualSeed,
  narrow,
  sigmoid,
  softmax,
  type Tensor,
  tensor,
  testing,
} from '@xf/tensor';
import { describe, expect, it } from 'vitest';
import { EncoderClassifier, type EncoderClassifierConfig } from '../src/index.js';
import { TOL } from './helpers.js';
import { referenceClassifier } from './reference-classifier.js';

const tiny: EncoderClassifierConfig = {
  vocabSize: 12,
  maxLen: 8,
  dModel: 8,
  nHead: 2,
  nLayer: 2,
  dimFeedforward: 16,
  dropout: 0,
};

function build(config: Partial<EncoderClassifierConfig> = {}, seed = 0): EncoderClassifier {
  manualSeed(seed);
  return new EncoderClassifier({ ...tiny, ...config });
}

const ids = [
  [3, 5, 7, 2, 0, 0],
  [4, 4, 9, 1, 6, 11],
  [8, 0, 0, 0, 0, 0],
];
const lengths = [4, 6, 1];

const variants: [string, Partial<EncoderClassifierConfig>][] = [
  ['post-norm, sinusoidal, mean, binary', {}],
  [
    'pre-norm + final norm, learned, cls, 3 classes',
    {
      normFirst: true,
      positional: 'learned',
      pooling: 'cls',
      numClasses: 3,
    },
  ],
  [
    'gelu, scaled embeddings, softmax binary head, no bias',
    {
      activation: 'gelu',
      scaleEmbedding: true,
      binaryHead: 'softmax',
      bias: false,
    },
  ],
];

describe('EncoderClassifier', () => {
  it.each(variants)('%s equals the same model composed from functional pieces', (_, config) => {
    const model = build(config);
    const { logits } = model.forward(ids, { lengths });
    const ref = referenceClassifier(model, ids, lengths);
    testing.assertClose(logits, ref.logits, TOL);
    testing.assertClose(model.encode(ids, { lengths }).hidden, ref.hidden, TOL);
  });

  it('logits are [B] for the binary sigmoid head, [B, C] otherwise', () => {
    expect(build().forward(ids).logits.shape).toEqual([3]);
    expect(build({ binaryHead: 'softmax' }).forward(ids).logits.shape).toEqual([3, 2]);
    expect(build({ numClasses: 5 }).forward(ids).logits.shape).toEqual([3, 5]);
    expect(build().numLogits).toBe(1);
    expect(build({ numClasses: 5 }).numLogits).toBe(5);
  });

  describe('padding never influences the real tokens', () => {
    /** ids with other values at the padded places */
    const junk = (seed: number) =>
      ids.map((row, b) => row.map((id, t) => (t < lengths[b] ? id : (id + seed + 3 * t) % 12)));
    const realRows = (h: Tensor, s: number) => narrow(narrow(h, 0, s, 1), 1, 0, lengths[s]);
    const exact = { atol: 1e-6, rtol: 1e-6 };
    const cases: [string, Partial<EncoderClassifierConfig>][] = [
      ['post-norm, sinusoidal, mean, binary', {}],
      ['pre-norm, learned, cls', { normFirst: true, positional: 'learned', pooling: 'cls' }],
      [
        'gelu, 3 classes, mean, padId set but lengths given',
        { activation: 'gelu', numClasses: 3, padId: 0 },
      ],
    ];
    it.each(cases)('lengths: %s', (_, config) => {
      const model = build(config).eval();
      const a = model.encode(junk(1), { lengths });
      const b = model.encode(junk(5), { lengths });
      for (let s = 0; s < ids.length; s++) {
        testing.assertClose(realRows(a.hidden, s), realRows(b.hidden, s), {
          ...exact,
          name: `sequence ${s}`,
        });
      }
      const logits = (x: number[][]) => model.forward(x, { lengths }).logits;
      testing.assertClose(logits(junk(1)), logits(junk(5)), exact);
      // a real token does matter
      const changed = junk(1);
      changed[1][2] = 10;
      expect(testing.compareClose(logits(changed), logits(junk(1))).ok).toBe(false);
    });

    it('padId: the same as lengths, and more padding changes nothing', () => {
      const model = build({ padId: 0 }).eval();
      const padded = model.encode(ids); // ids hold padId 0 after each sequence
      expect(Array.from(padded.paddingMask!.data)).toEqual(
        ids.flatMap((row, b) => row.map((_, t) => (t < lengths[b] ? 0 : 1))),
      );
      const byLengths = model.encode(junk(2), { lengths });
      for (let s = 0; s < ids.length; s++) {
        testing.assertClose(realRows(padded.hidden, s), realRows(byLengths.hidden, s), exact);
      }
      const a = model.forward(ids).logits;
      testing.assertClose(a, model.forward(junk(2), { lengths }).logits, exact);
      testing.assertClose(a, model.forward(ids.map((row) => [...row, 0, 0])).logits, exact);
      // without padding ids, nothing is masked
      expect(model.encode([[1, 2, 3]]).paddingMask).toBe(null);
    });
  });

  it('mean pooling averages the real tokens; cls pooling takes position 0', () => {
    const mean = build({ pooling: 'mean', numClasses: 3 }).eval();
    const cls = build({ pooling: 'cls', numClasses: 3 }).eval();
    cls.loadStateDict(mean.stateDict()); // same weights, only the pooling differs
    const { hidden } = mean.encode(ids, { lengths });
    const head = (v: number[][]) => tensor(v).matmul(mean.head.weight.t()).add(mean.head.bias!);
    const row = (b: number, t: number) =>
      Array.from(hidden.data.subarray((b * 6 + t) * 8, (b * 6 + t + 1) * 8));
    const averaged = lengths.map((n, b) =>
      Array.from({ length: 8 }, (_, j) => {
        let s = 0;
        for (let t = 0; t < n; t++) s += row(b, t)[j];
        return s / n;
      }),
    );
    testing.assertClose(mean.forward(ids, { lengths }).logits, head(averaged), TOL);
    testing.assertClose(
      cls.forward(ids, { lengths }).logits,
      head(lengths.map((_, b) => row(b, 0))),
      TOL,
    );
    expect(
      testing.compareClose(
        mean.forward(ids, { lengths }).logits,
        cls.forward(ids, { lengths }).logits,
      ).ok,
    ).toBe(false);
  });

  it('the binary loss is binaryCrossEntropyWithLogits of the logits', () => {
    const model = build();
    const targets = [1, 0, 1];
    const { logits, loss } = model.forward(ids, { lengths, targets });
    testing.assertClose(loss!, binaryCrossEntropyWithLogits(logits, tensor(targets)), TOL);
    // by hand: mean of log(1 + e^(-z)) for y = 1 and log(1 + e^z) for y = 0
    const z = Array.from(logits.data);
    const byHand = z.reduce((s, zi, i) => s + Math.log1p(Math.exp(targets[i] ? -zi : zi)), 0) / 3;
    expect(loss!.item()).toBeCloseTo(byHand, 5);
  });

  it('the multi-class loss is crossEntropy of the logits (targets as array or int32 tensor)', () => {
    const model = build({ numClasses: 4 });
    const targets = tensor([3, 0, 2], { dtype: 'int32' });
    const { logits, loss } = model.forward(ids, { lengths, targets });
    testing.assertClose(loss!, crossEntropy(logits, targets), TOL);
    testing.assertClose(model.forward(ids, { lengths, targets: [3, 0, 2] }).loss!, loss!, TOL);
    const two = build({ binaryHead: 'softmax' });
    const out = two.forward(ids, { targets: [1, 0, 1] });
    testing.assertClose(
      out.loss!,
      crossEntropy(out.logits, tensor([1, 0, 1], { dtype: 'int32' })),
      TOL,
    );
  });

  it('probabilities and predict run in eval mode without gradients and restore the mode', () => {
    const model = build({ dropout: 0.3 });
    expect(model.training).toBe(true);
    const p = model.probabilities(ids, { lengths });
    expect(model.training).toBe(true);
    expect(model.encoder.layers.at(1).dropout.training).toBe(true);
    expect(p.shape).toEqual([3, 2]);
    expect(p.requiresGrad).toBe(false);
    model.eval();
    const z = model.forward(ids, { lengths }).logits;
    testing.assertClose(narrow(p, 1, 1, 1).reshape([3]), sigmoid(z), TOL);
    testing.assertClose(narrow(p, 1, 0, 1).reshape([3]), sigmoid(z.neg()), TOL);
    const expected = Array.from(z.data, (v) => (v > 0 ? 1 : 0));
    expect(model.predict(ids, { lengths }).toArray()).toEqual(expected);

    const multi = build({ numClasses: 3 }).eval();
    const q = multi.probabilities(ids, { lengths });
    testing.assertClose(q, softmax(multi.forward(ids, { lengths }).logits, -1), TOL);
    const pred = multi.predict(ids, { lengths });
    expect(pred.dtype).toBe('int32');
    for (let b = 0; b < 3; b++) {
      const rowP = Array.from(q.data.subarray(b * 3, b * 3 + 3));
      expect(pred.data[b]).toBe(rowP.indexOf(Math.max(...rowP)));
    }
  });

  it('dropout after the embeddings acts in training only', () => {
    const model = build({ dropout: 0.5 });
    manualSeed(1);
    const a = model.forward(ids).logits;
    manualSeed(2);
    const b = model.forward(ids).logits;
    expect(testing.compareClose(a, b).ok).toBe(false);
    model.eval();
    testing.assertClose(
      model.forward(ids).logits,
      referenceClassifier(model, ids, [6, 6, 6]).logits,
      TOL,
    );
  });

  it('accepts ids as an int32 or float32 tensor as well as rows of numbers', () => {
    const model = build().eval();
    const expected = model.forward(ids).logits;
    for (const dtype of ['int32', 'float32'] as const) {
      const t: Tensor = tensor(ids, { dtype });
      testing.assertClose(model.forward(t).logits, expected, { atol: 0, rtol: 0 });
    }
  });
});
