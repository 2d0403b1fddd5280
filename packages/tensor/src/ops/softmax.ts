/** Softmax and log-softmax along a dim, numerically stable (the row maximum is subtracted first). */
import { recordOp } from '../autograd.js';
import { getBackend } from '../backends.js';
import { normalizeDim, reductionSplit } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkTensor, make } from './core.js';

function softmaxLike(name: string, x: Tensor, dim: number, log: boolean): Tensor {
  checkTensor(x, name);
  if (dim === undefined) throw new Error(`${name}: dim is required (e.g. ${name}(x, -1))`);
  const d = normalizeDim(name, dim, x.ndim);
  const [outer, size, inner] = x.ndim === 0 ? [1, 1, 1] : reductionSplit(x.shape, d);
  const backend = getBackend();
  const y = make(backend.softmax(x.data, outer, size, inner, log), x.shape);
  return recordOp(name, y, [x], (g) => [
    make(backend.softmaxBackward(y.data, g.data, outer, size, inner, log), x.shape),
  ]);
}

/** softmax(x)_i = exp(x_i) / Σ_j exp(x_j) along dim. */
export const softmax = (x: Tensor, dim: number): Tensor => softmaxLike('softmax', x, dim, false);

/** log(softmax(x)), computed as x - max - log Σ exp(x - max) so it never takes log(0). */
export const logSoftmax = (x: Tensor, dim: number): Tensor =>
  softmaxLike('logSoftmax', x, dim, true);
