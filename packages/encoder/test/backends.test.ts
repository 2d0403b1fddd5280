/**
 * Every backend (each gpu.js mode that runs here, and wasm) against the js reference: the
 * logits, the loss and the gradient of every parameter of a tiny classifier, post- and pre-norm.
 */
import { manualSeed, testing } from '@xf/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import { EncoderClassifier, type EncoderClassifierConfig } from '../src/index.js';
import { otherBackends, parameterGrads, useJs } from './helpers.js';

const BACKEND_TOL = { atol: 1e-4, rtol: 1e-3 };

const configs: [string, EncoderClassifierConfig][] = [
  [
    'post-norm, sinusoidal, mean pooling, binary',
    { vocabSize: 9, maxLen: 6, dModel: 8, nHead: 2, nLayer: 2, dimFeedforward: 16, dropout: 0 },
  ],
  [
    'pre-norm, learned, cls pooling, 3 classes, gelu',
    {
      vocabSize: 9,
      maxLen: 6,
      dModel: 8,
      nHead: 2,
      nLayer: 1,
      dimFeedforward: 16,
      dropout: 0,
      normFirst: true,
      positional: 'learned',
      pooling: 'cls',
      numClasses: 3,
      activation: 'gelu',
    },
  ],
];

const ids = [
  [1, 2, 3, 4, 5],
  [6, 7, 8, 0, 0],
];
const lengths = [5, 3];

afterEach(useJs);

describe('every backend matches js', () => {
  it('runs on at least one other backend', () => {
    expect(otherBackends().length).toBeGreaterThan(0);
  });

  for (const [label, config] of configs) {
    const targets = config.numClasses === 3 ? [2, 0] : [1, 0];
    const run = (model: EncoderClassifier) => {
      const { logits, loss } = model.forward(ids, { lengths, targets });
      return { logits: logits.data.slice(), loss: loss!.item() };
    };
    const grads = (model: EncoderClassifier) =>
      parameterGrads(model, () => model.forward(ids, { lengths, targets }).loss!);

    for (const backend of otherBackends()) {
      it(`${backend.label}: ${label}`, { timeout: 120_000 }, () => {
        useJs();
        manualSeed(0);
        const model = new EncoderClassifier(config);
        const expected = run(model);
        const expectedGrads = grads(model);
        backend.use();
        const actual = run(model);
        testing.assertClose(actual.logits, expected.logits, { ...BACKEND_TOL, name: 'logits' });
        testing.assertClose([actual.loss], [expected.loss], { ...BACKEND_TOL, name: 'loss' });
        const actualGrads = grads(model);
        for (const [name, g] of Object.entries(expectedGrads)) {
          testing.assertClose(actualGrads[name], g, { ...BACKEND_TOL, name: `grad of ${name}` });
        }
      });
    }
  }
});
