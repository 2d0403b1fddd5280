import { assertGradcheck, logicalNot, manualSeed, type Tensor, tensor } from '@xf/tensor';
import { describe, expect, it } from 'vitest';
import {
  EncoderClassifier,
  type EncoderClassifierConfig,
  firstTokenPool,
  meanPool,
  TransformerEncoderLayer,
} from '../src/index.js';
import { project, sample, withParameters } from './helpers.js';

/** gradcheck of out(...) with respect to src (when given) and every parameter of module. */
function checkModule(
  module: { namedParameters(): [string, Tensor][] },
  inputs: Tensor[],
  out: (inputs: Tensor[]) => Tensor,
): void {
  const named = module.namedParameters();
  const leaves = [...inputs, ...named.map(([, p]) => p)];
  const fn = (...xs: Tensor[]) => {
    const given = xs.slice(0, inputs.length);
    const params = xs.slice(inputs.length);
    const replacements = Object.fromEntries(named.map(([name], i) => [name, params[i]]));
    return withParameters(module as never, replacements, () => out(given));
  };
  // the check means something only if every leaf really reaches the output
  const copies = leaves.map((x) => x.detach().clone().requiresGrad_());
  project(fn(...copies)).backward();
  copies.forEach((x, i) => {
    const name = i < inputs.length ? `input ${i}` : named[i - inputs.length][0];
    expect(
      x.grad?.data.some((g) => g !== 0),
      `${name} gets a gradient`,
    ).toBe(true);
  });
  assertGradcheck(fn, leaves);
}

describe('gradients agree with finite differences', () => {
  it('through a post-norm layer with a padding mask (src and every parameter)', () => {
    manualSeed(0);
    const layer = new TransformerEncoderLayer(4, 2, {
      dimFeedforward: 8,
      dropout: 0,
      activation: 'gelu',
      batchFirst: true,
    });
    const padding = tensor([
      [false, false, false],
      [false, false, true],
    ]);
    checkModule(layer, [sample([2, 3, 4], 1, true)], ([src]) =>
      layer.forward(src, { srcKeyPaddingMask: padding }),
    );
  });

  it('through a pre-norm layer, causal', () => {
    manualSeed(1);
    const layer = new TransformerEncoderLayer(4, 2, {
      dimFeedforward: 8,
      dropout: 0,
      activation: 'gelu',
      batchFirst: true,
      normFirst: true,
    });
    checkModule(layer, [sample([2, 3, 4], 2, true)], ([src]) =>
      layer.forward(src, { isCausal: true }),
    );
  });

  const tiny: EncoderClassifierConfig = {
    vocabSize: 6,
    maxLen: 4,
    dModel: 4,
    nHead: 2,
    nLayer: 1,
    dimFeedforward: 8,
    dropout: 0,
    activation: 'gelu',
  };
  const ids = [
    [1, 2, 3, 4],
    [5, 1, 0, 0],
  ];
  const lengths = [4, 2];

  it('through the classifier: mean pooling, binary loss', () => {
    manualSeed(2);
    const model = new EncoderClassifier({ ...tiny, positional: 'learned' });
    checkModule(model, [], () => model.forward(ids, { lengths, targets: [1, 0] }).loss!);
  });

  it('through the classifier: cls pooling, pre-norm with final norm, 3-class logits', () => {
    manualSeed(3);
    const model = new EncoderClassifier({
      ...tiny,
      pooling: 'cls',
      normFirst: true,
      numClasses: 3,
      scaleEmbedding: true,
    });
    expect(model.config.finalNorm).toBe(true);
    checkModule(model, [], () => model.forward(ids, { lengths }).logits);
  });

  it('through the pooling ops', () => {
    const x = sample([2, 3, 4], 4, true);
    const padding = logicalNot(
      tensor([
        [true, true, false],
        [true, true, true],
      ]),
    );
    assertGradcheck((h) => meanPool(h, padding), [x]);
    assertGradcheck((h) => meanPool(h), [x]);
    assertGradcheck((h) => firstTokenPool(h), [x]);
  });
});
