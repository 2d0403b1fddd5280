import * as tensor from '@xf/tensor';
import { describe, expect, it } from 'vitest';
import * as trainer from '../src/index.js';

describe('losses', () => {
  it('are the ones from @xf/tensor (torch.nn.functional), re-exported with the rest of training', () => {
    expect(trainer.crossEntropy).toBe(tensor.crossEntropy);
    expect(trainer.nllLoss).toBe(tensor.nllLoss);
    expect(trainer.binaryCrossEntropyWithLogits).toBe(tensor.binaryCrossEntropyWithLogits);
  });
});
