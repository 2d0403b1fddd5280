import { tensor } from '@xf/tensor';
import { describe, expect, it } from 'vitest';
import {
  EncoderClassifier,
  firstTokenPool,
  meanPool,
  TransformerEncoderLayer,
} from '../src/index.js';
import { sample } from './helpers.js';

describe('bad input is refused with the argument named', () => {
  const model = new EncoderClassifier({
    vocabSize: 10,
    maxLen: 4,
    dModel: 8,
    nHead: 2,
    nLayer: 1,
    numClasses: 3,
    padId: 0,
  });
  const binary = new EncoderClassifier({
    vocabSize: 10,
    maxLen: 4,
    dModel: 8,
    nHead: 2,
    nLayer: 1,
  });

  it('ids', () => {
    expect(() => model.forward([[1, 2, 3, 4, 5]])).toThrow(
      'EncoderClassifier: ids has sequence length 5 but config.maxLen is 4',
    );
    expect(() =>
      model.forward([
        [1, 2],
        [3, 10],
      ]),
    ).toThrow('EncoderClassifier: ids[1, 1] = 10 is not a token id in [0, config.vocabSize = 10)');
    expect(() => model.forward([[1, -1]])).toThrow(
      'EncoderClassifier: ids[0, 1] = -1 is not a token id',
    );
    expect(() => model.forward([[1, 2.5]])).toThrow(
      'EncoderClassifier: ids[0, 1] = 2.5 is not a token id',
    );
    expect(() => model.forward([[1, 2], [3]])).toThrow(
      'EncoderClassifier: ids rows must all have the same length (pad them); row 0 has 2, row 1 has 1',
    );
    expect(() => model.forward(tensor([1, 2, 3]))).toThrow(
      'EncoderClassifier: ids must be 2-D [B, T], got shape [3]',
    );
    expect(() => model.forward('hello' as never)).toThrow(
      'EncoderClassifier: ids must be a Tensor [B, T] or an array of rows, got "hello"',
    );
    expect(() => model.forward([[]])).toThrow('EncoderClassifier: ids of shape [1, 0] is empty');
    expect(() =>
      model.forward([
        [1, 2],
        [0, 0],
      ]),
    ).toThrow(
      'EncoderClassifier: sequence 1 of ids is all padding (config.padId = 0); every sequence needs at least one token',
    );
  });

  it('lengths', () => {
    expect(() => model.forward([[1, 2]], { lengths: [3] })).toThrow(
      'EncoderClassifier: lengths[0] = 3 must be an integer between 1 and the sequence length T = 2',
    );
    expect(() => model.forward([[1, 2]], { lengths: [0] })).toThrow(
      'EncoderClassifier: lengths[0] = 0 must be',
    );
    expect(() => model.forward([[1, 2]], { lengths: [1, 2] })).toThrow(
      'EncoderClassifier: lengths must hold one number per sequence (B = 1), got an array of 2',
    );
    expect(() => model.forward([[1, 2]], { lengths: tensor([[2]]) })).toThrow(
      'EncoderClassifier: lengths must have shape [B] = [1], got [1, 1]',
    );
  });

  it('targets', () => {
    expect(() => model.forward([[1, 2]], { targets: [3] })).toThrow(
      'EncoderClassifier: targets[0] = 3 is not a class index in [0, config.numClasses = 3)',
    );
    expect(() => model.forward([[1, 2]], { targets: [0.5] })).toThrow(
      'EncoderClassifier: targets[0] = 0.5 is not a class index',
    );
    expect(() => binary.forward([[1, 2]], { targets: [2] })).toThrow(
      'EncoderClassifier: targets[0] = 2 must be in [0, 1] (a binary label) for the sigmoid head',
    );
    expect(() => binary.forward([[1, 2]], { targets: 1 as never })).toThrow(
      'EncoderClassifier: targets must be a Tensor [B] or an array of numbers, got 1',
    );
    // soft binary labels are fine
    expect(binary.forward([[1, 2]], { targets: [0.25] }).loss?.shape).toEqual([]);
  });

  it('TransformerEncoderLayer options', () => {
    expect(() => new TransformerEncoderLayer(10, 3)).toThrow(
      'TransformerEncoderLayer: dModel (10) must be divisible by nhead (3); each head gets dModel / nhead dims',
    );
    expect(() => new TransformerEncoderLayer(0, 1)).toThrow(
      'TransformerEncoderLayer: dModel must be a positive integer, got 0',
    );
    expect(() => new TransformerEncoderLayer(8, 2, { activation: 'tanh' as never })).toThrow(
      "TransformerEncoderLayer: activation must be one of 'relu', 'gelu', 'gelu-tanh', 'silu', got \"tanh\"",
    );
    expect(() => new TransformerEncoderLayer(8, 2, { dropout: -0.1 })).toThrow(
      'TransformerEncoderLayer: dropout must be a probability between 0 and 1, got -0.1',
    );
    expect(() => new TransformerEncoderLayer(8, 2, { dimFeedforward: 1.5 })).toThrow(
      'TransformerEncoderLayer: dimFeedforward must be a positive integer, got 1.5',
    );
    expect(() => new TransformerEncoderLayer(8, 2, { layerNormEps: -1 })).toThrow(
      'TransformerEncoderLayer: layerNormEps must be a positive number, got -1',
    );
    expect(() => new TransformerEncoderLayer(8, 2, { batchFirst: 1 as never })).toThrow(
      'TransformerEncoderLayer: batchFirst must be true or false, got 1',
    );
  });

  it('TransformerEncoderLayer inputs and masks', () => {
    const layer = new TransformerEncoderLayer(8, 2, { dimFeedforward: 16, batchFirst: true });
    const src = sample([2, 5, 8], 1);
    expect(() => layer.forward(sample([2, 5, 6], 1))).toThrow(
      'TransformerEncoderLayer: src of shape [2, 5, 6] must be [B, T, dModel] (batchFirst = true) or [T, dModel] unbatched, with dModel = 8',
    );
    expect(() => layer.forward([1, 2] as never)).toThrow(
      'TransformerEncoderLayer: src must be a Tensor, got an array',
    );
    expect(() => layer.forward(src, { srcKeyPaddingMask: tensor([[true, false]]) })).toThrow(
      'TransformerEncoderLayer: srcKeyPaddingMask of shape [1, 2] must be [B, T] = [2, 5] (true = padding, ignored as a key)',
    );
    expect(() => layer.forward(src, { srcMask: sample([5, 4], 2) })).toThrow(
      'TransformerEncoderLayer: srcMask of shape [5, 4] must be [T, T] = [5, 5] or [B·nhead, T, T] = [4, 5, 5] (true = not allowed to attend)',
    );
    const seqFirst = new TransformerEncoderLayer(8, 2, { dimFeedforward: 16 });
    expect(() => seqFirst.forward(src, { srcKeyPaddingMask: tensor([[true, false]]) })).toThrow(
      'srcKeyPaddingMask of shape [1, 2] must be [B, T] = [5, 2]',
    );
  });

  it('pooling', () => {
    expect(() => meanPool(sample([2, 3], 1))).toThrow(
      'meanPool: input must be 3-D [B, T, dModel], got shape [2, 3]',
    );
    expect(() => meanPool(sample([2, 3, 4], 1), tensor([[true, false, false]]))).toThrow(
      'meanPool: paddingMask of shape [1, 3] must be [B, T] = [2, 3] for input [2, 3, 4]',
    );
    expect(() => meanPool(sample([1, 2, 4], 1), tensor([[true, true]]))).toThrow(
      'meanPool: sequence 0 is all padding; there is nothing to average',
    );
    expect(() => firstTokenPool(sample([4], 1))).toThrow('firstTokenPool: input must be 3-D');
  });
});
