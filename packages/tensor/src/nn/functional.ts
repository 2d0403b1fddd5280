/** Functional forms of the nn layers (torch.nn.functional). */
import { recordOp } from '../autograd.js';
import { checkIndices, checkTensor, make } from '../ops/core.js';
import { allocate, allocateZeroed } from '../pool.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';

export { oneHot } from '../ops/indexing.js';
export { linear } from '../ops/matmul.js';
export { dropout } from '../ops/random.js';
export { logSoftmax, softmax } from '../ops/softmax.js';
export { binaryCrossEntropyWithLogits } from './losses/binaryCrossEntropyWithLogits.js';
export { crossEntropy } from './losses/crossEntropy.js';
export { nllLoss } from './losses/nllLoss.js';

/**
 * Looks up rows of `weight` [num, dim] for integer ids of any shape: out is [...ids.shape, dim].
 * Rows for `paddingIdx` receive no gradient, as in PyTorch.
 */
export function embedding(
  ids: Tensor | ArrayLike<number>,
  weight: Tensor,
  paddingIdx?: number,
): Tensor {
  checkTensor(weight, 'embedding', 'weight');
  if (weight.ndim !== 2)
    throw new Error(`embedding: weight must be 2-D [num, dim], got ${formatShape(weight.shape)}`);
  const [num, dim] = weight.shape;
  const idShape = 'shape' in ids ? [...(ids as Tensor).shape] : [ids.length];
  const idx = checkIndices('embedding', ids, num, 'the embedding table (num_embeddings)');
  const out = allocate(idx.length * dim);
  for (let i = 0; i < idx.length; i++)
    out.set(weight.data.subarray(idx[i] * dim, (idx[i] + 1) * dim), i * dim);
  const pad = paddingIdx === undefined ? -1 : paddingIdx < 0 ? paddingIdx + num : paddingIdx;
  return recordOp('embedding', make(out, [...idShape, dim]), [weight], (g) => {
    const gw = allocateZeroed(weight.numel());
    for (let i = 0; i < idx.length; i++) {
      if (idx[i] === pad) continue;
      const dst = idx[i] * dim;
      for (let j = 0; j < dim; j++) gw[dst + j] += g.data[i * dim + j];
    }
    return [make(gw, weight.shape)];
  });
}
