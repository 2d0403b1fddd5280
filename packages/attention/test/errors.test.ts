/** Bad input: each a clear error naming the op, the argument and the shapes. */
import { tensor, zeros } from '@xf/tensor';
import { describe, expect, it } from 'vitest';
import {
  attentionReference,
  causalMask,
  MultiHeadAttention,
  scaledDotProductAttention,
} from '../src/index.js';

const sdpa = scaledDotProductAttention;

describe('scaledDotProductAttention errors', () => {
  it('rejects inputs of rank below 2', () => {
    expect(() => sdpa(zeros([4]), zeros([3, 4]), zeros([3, 4]))).toThrow(
      'scaledDotProductAttention: query must have at least 2 dims [..., L, E], got shape [4]',
    );
    expect(() => sdpa(zeros([2, 4]), zeros([4]), zeros([3, 4]))).toThrow(
      'scaledDotProductAttention: key must have at least 2 dims [..., S, E], got shape [4]',
    );
  });

  it('rejects mismatched head dims', () => {
    expect(() => sdpa(zeros([2, 3, 8]), zeros([2, 5, 4]), zeros([2, 5, 4]))).toThrow(
      'scaledDotProductAttention: query and key must have the same last dim E, got 8 and 4 (query [2, 3, 8], key [2, 5, 4], value [2, 5, 4])',
    );
  });

  it('rejects keys and values of different lengths', () => {
    expect(() => sdpa(zeros([3, 4]), zeros([5, 4]), zeros([6, 4]))).toThrow(
      'scaledDotProductAttention: key and value must have the same sequence length S (dim -2), got 5 and 6',
    );
  });

  it('rejects batch dims that do not broadcast, hinting at enableGqa for head counts', () => {
    expect(() => sdpa(zeros([2, 3, 4]), zeros([3, 3, 4]), zeros([3, 3, 4]))).toThrow(
      'scaledDotProductAttention: the batch dims of query, key and value do not broadcast (query [2, 3, 4], key [3, 3, 4], value [3, 3, 4])',
    );
    expect(() => sdpa(zeros([1, 8, 3, 4]), zeros([1, 2, 3, 4]), zeros([1, 2, 3, 4]))).toThrow(
      'pass enableGqa: true',
    );
    expect(() =>
      sdpa(zeros([1, 8, 3, 4]), zeros([1, 3, 3, 4]), zeros([1, 3, 3, 4]), { enableGqa: true }),
    ).toThrow(
      "scaledDotProductAttention: enableGqa: key has 3 heads (dim -3), which does not divide query's 8 heads",
    );
    expect(() => sdpa(zeros([3, 4]), zeros([3, 4]), zeros([3, 4]), { enableGqa: true })).toThrow(
      'scaledDotProductAttention: enableGqa needs a head dim (-3)',
    );
  });

  it('rejects masks that do not broadcast to the scores', () => {
    expect(() =>
      sdpa(zeros([2, 3, 4]), zeros([2, 5, 4]), zeros([2, 5, 4]), { attnMask: causalMask(3) }),
    ).toThrow(
      'scaledDotProductAttention: attnMask of shape [3, 3] does not broadcast to the attention scores [2, 3, 5] ([..., L, S] with L = 3 queries, S = 5 keys)',
    );
    expect(() =>
      sdpa(zeros([3, 4]), zeros([5, 4]), zeros([5, 4]), {
        attnMask: zeros([2, 3, 5], { dtype: 'bool' }),
      }),
    ).toThrow('attnMask of shape [2, 3, 5] does not broadcast to the attention scores [3, 5]');
    expect(() =>
      sdpa(zeros([3, 4]), zeros([5, 4]), zeros([5, 4]), {
        attnMask: zeros([3, 5], { dtype: 'int32' }),
      }),
    ).toThrow(
      'scaledDotProductAttention: attnMask must be bool (true = attend) or float32 (added to the scores), got int32',
    );
  });

  it('refuses isCausal together with attnMask', () => {
    expect(() =>
      sdpa(zeros([3, 4]), zeros([3, 4]), zeros([3, 4]), {
        isCausal: true,
        attnMask: causalMask(3),
      }),
    ).toThrow('scaledDotProductAttention: pass either attnMask or isCausal, not both');
    expect(() =>
      attentionReference(zeros([3, 4]), zeros([3, 4]), zeros([3, 4]), {
        isCausal: true,
        attnMask: causalMask(3),
      }),
    ).toThrow('attentionReference: pass either attnMask or isCausal, not both');
  });

  it('rejects bad dropoutP, scale and operand types', () => {
    const x = zeros([3, 4]);
    expect(() => sdpa(x, x, x, { dropoutP: 1.5 })).toThrow(
      'scaledDotProductAttention: dropoutP must be a probability between 0 and 1, got 1.5',
    );
    expect(() => sdpa(x, x, x, { scale: Number.NaN })).toThrow(
      'scaledDotProductAttention: scale must be a finite number, got NaN',
    );
    expect(() => sdpa(x, tensor([[1, 0]]).to('bool'), x)).toThrow(
      'scaledDotProductAttention: key must be float32, got bool',
    );
    expect(() => sdpa(x, [[1]] as never, x)).toThrow(
      'scaledDotProductAttention: key must be a Tensor',
    );
  });
});

describe('MultiHeadAttention errors', () => {
  it('names embedDim and numHeads when the heads do not divide it', () => {
    expect(() => new MultiHeadAttention(10, 3)).toThrow(
      'MultiHeadAttention: embedDim = 10 must be divisible by numHeads = 3 (each head gets embedDim / numHeads dims)',
    );
    expect(() => new MultiHeadAttention(8, 4, { numKvHeads: 3 })).toThrow(
      'MultiHeadAttention: numHeads = 4 must be divisible by numKvHeads = 3',
    );
    expect(() => new MultiHeadAttention(0, 1)).toThrow(
      'MultiHeadAttention: embedDim must be a positive integer, got 0',
    );
    expect(() => new MultiHeadAttention(4, 2, { dropout: 2 })).toThrow(
      'MultiHeadAttention: dropout must be a probability between 0 and 1, got 2',
    );
    expect(() => new MultiHeadAttention(4, 2, { kdim: 3, separateProjections: false })).toThrow(
      'MultiHeadAttention: separateProjections: false is impossible with kdim = 3',
    );
  });

  const mha = new MultiHeadAttention(4, 2, { batchFirst: true });

  it('rejects inputs of the wrong rank or width', () => {
    expect(() =>
      mha.forward(zeros([1, 2, 3, 4]), zeros([1, 2, 3, 4]), zeros([1, 2, 3, 4])),
    ).toThrow(
      'MultiHeadAttention: query must be 3-D [B, L, E] (batchFirst = true) or 2-D [L, E] unbatched, got shape [1, 2, 3, 4]',
    );
    expect(() => mha.forward(zeros([2, 3, 4]), zeros([3, 4]), zeros([3, 4]))).toThrow(
      'MultiHeadAttention: key must have the same rank as query (3-D), got shape [3, 4]',
    );
    expect(() => mha.forward(zeros([2, 3, 5]), zeros([2, 3, 5]), zeros([2, 3, 5]))).toThrow(
      'MultiHeadAttention: query of shape [2, 3, 5] must end in embedDim = 4',
    );
    expect(() => mha.forward(zeros([2, 3, 4]), zeros([2, 3, 3]), zeros([2, 3, 4]))).toThrow(
      'MultiHeadAttention: key of shape [2, 3, 3] must end in kdim = 4',
    );
    expect(() => mha.forward(zeros([2, 3, 4]), zeros([1, 3, 4]), zeros([1, 3, 4]))).toThrow(
      'must have the same batch size (dim 0)',
    );
    expect(() => mha.forward(zeros([2, 3, 4]), zeros([2, 3, 4]), zeros([2, 5, 4]))).toThrow(
      'MultiHeadAttention: key [2, 3, 4] and value [2, 5, 4] must have the same sequence length (dim 1)',
    );
  });

  it('rejects masks of the wrong shape or dtype', () => {
    const x = zeros([2, 3, 4]);
    expect(() => mha.forward(x, x, x, { attnMask: zeros([3, 4], { dtype: 'bool' }) })).toThrow(
      'MultiHeadAttention: attnMask of shape [3, 4] should be [L, S] = [3, 3] or [B·numHeads, L, S] = [4, 3, 3]',
    );
    expect(() =>
      mha.forward(x, x, x, { keyPaddingMask: zeros([2, 1, 1, 3], { dtype: 'bool' }) }),
    ).toThrow('MultiHeadAttention: keyPaddingMask of shape [2, 1, 1, 3] should be [B, S] = [2, 3]');
    expect(() =>
      mha.forward(x, x, x, { keyPaddingMask: zeros([2, 3], { dtype: 'int32' }) }),
    ).toThrow(
      'MultiHeadAttention: keyPaddingMask must be bool (true = ignore, as PyTorch) or float32 (added), got int32',
    );
  });
});
