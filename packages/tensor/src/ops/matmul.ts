/**
 * Matrix products with torch.matmul's rules: 1-D operands are promoted to a row or column
 * and the added dim removed afterwards; leading (batch) dims broadcast.
 * dA = dC @ Bᵀ and dB = Aᵀ @ dC, computed by reading operands transposed, never copying them.
 */
import { recordOp } from '../autograd.js';
import { getBackend } from '../backends.js';
import { broadcastShapes, formatShape, numel, stridesOf } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkTensor, make, sumToShape } from './core.js';
import { add } from './elementwise.js';
import { reshape } from './shape.js';

/**
 * C = op(A) @ op(B) on stored shapes: A is [..., m, k] ([..., k, m] when transA), B is
 * [..., k, n] ([..., n, k] when transB). No autograd; callers record the gradient.
 */
export function batchedMatmul(
  a: Tensor,
  b: Tensor,
  transA = false,
  transB = false,
  op = 'matmul',
): Tensor {
  const [ar, ac] = a.shape.slice(-2);
  const [br, bc] = b.shape.slice(-2);
  const [m, k] = transA ? [ac, ar] : [ar, ac];
  const [k2, n] = transB ? [bc, br] : [br, bc];
  if (k !== k2) {
    throw new Error(
      `${op}: shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} cannot be multiplied (${k} != ${k2})`,
    );
  }
  const aBatch = a.shape.slice(0, -2);
  const bBatch = b.shape.slice(0, -2);
  const batch = broadcastShapes(op, aBatch, bBatch);
  const count = numel(batch);
  const aOffsets = batchOffsets(aBatch, batch, m * k);
  const bOffsets = batchOffsets(bBatch, batch, k * n);
  const data =
    count * m * n === 0
      ? new Float32Array(0)
      : getBackend().matmul(a.data, b.data, { m, k, n, aOffsets, bOffsets, transA, transB });
  return make(data, [...batch, m, n]);
}

/** Where each broadcast batch's matrix starts in an operand with batch dims `own`. */
function batchOffsets(
  own: readonly number[],
  batch: readonly number[],
  matrixSize: number,
): Int32Array {
  const count = numel(batch);
  const offsets = new Int32Array(count);
  const ownStrides = stridesOf(own);
  const lead = batch.length - own.length;
  const index = new Array<number>(batch.length).fill(0);
  for (let t = 0; t < count; t++) {
    let matrix = 0;
    for (let d = 0; d < own.length; d++)
      if (own[d] !== 1) matrix += index[d + lead] * ownStrides[d];
    offsets[t] = matrix * matrixSize;
    for (let d = batch.length - 1; d >= 0; d--) {
      if (++index[d] < batch[d]) break;
      index[d] = 0;
    }
  }
  return offsets;
}

export function matmul(a: Tensor, b: Tensor): Tensor {
  checkTensor(a, 'matmul');
  checkTensor(b, 'matmul', 'other');
  if (a.ndim === 0 || b.ndim === 0) {
    throw new Error(
      `matmul: both arguments need at least 1 dim, got shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}`,
    );
  }
  // 1-D operands become a row (left) or a column (right), removed again at the end
  const a2 = a.ndim === 1 ? reshape(a, [1, a.shape[0]]) : a;
  const b2 = b.ndim === 1 ? reshape(b, [b.shape[0], 1]) : b;
  let out: Tensor;
  if (b2.ndim === 2 && a2.ndim > 2) {
    // [..., m, k] @ [k, n]: fold the batch into the rows, one big product
    const rows = reshape(a2, [-1, a2.shape[a2.ndim - 1]]);
    out = reshape(matmul2d(rows, b2), [...a2.shape.slice(0, -1), b2.shape[1]]);
  } else {
    const c = batchedMatmul(a2, b2);
    out = recordOp('matmul', c, [a2, b2], (g) => [
      a2.requiresGrad ? sumToShape(batchedMatmul(g, b2, false, true), a2.shape) : null,
      b2.requiresGrad ? sumToShape(batchedMatmul(a2, g, true, false), b2.shape) : null,
    ]);
  }
  if (a.ndim === 1) out = reshape(out, [...out.shape.slice(0, -2), out.shape[out.ndim - 1]]);
  if (b.ndim === 1) out = reshape(out, out.shape.slice(0, -1));
  return out;
}

function matmul2d(a: Tensor, b: Tensor): Tensor {
  const c = batchedMatmul(a, b);
  return recordOp('matmul', c, [a, b], (g) => [
    a.requiresGrad ? batchedMatmul(g, b, false, true) : null,
    b.requiresGrad ? batchedMatmul(a, g, true, false) : null,
  ]);
}

/** The 2-D product of two matrices, as torch.mm. */
export function mm(a: Tensor, b: Tensor): Tensor {
  checkTensor(a, 'mm');
  checkTensor(b, 'mm', 'other');
  if (a.ndim !== 2 || b.ndim !== 2) {
    throw new Error(
      `mm: expects two 2-D tensors, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`,
    );
  }
  return matmul2d(a, b);
}

/** Batched product of [b, m, k] and [b, k, n], as torch.bmm. */
export function bmm(a: Tensor, b: Tensor): Tensor {
  checkTensor(a, 'bmm');
  checkTensor(b, 'bmm', 'other');
  if (a.ndim !== 3 || b.ndim !== 3 || a.shape[0] !== b.shape[0]) {
    throw new Error(
      `bmm: expects [b, m, k] and [b, k, n], got ${formatShape(a.shape)} and ${formatShape(b.shape)}`,
    );
  }
  return matmul(a, b);
}

/**
 * y = x Wᵀ + b with W stored [out, in], as torch.nn.functional.linear.
 * One product over all leading dims; dW = dyᵀ x and db = Σ dy over rows.
 */
export function linear(x: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  checkTensor(x, 'linear');
  checkTensor(weight, 'linear', 'weight');
  if (weight.ndim !== 2)
    throw new Error(`linear: weight must be 2-D [out, in], got ${formatShape(weight.shape)}`);
  const [outFeatures, inFeatures] = weight.shape;
  if (x.ndim === 0 || x.shape[x.ndim - 1] !== inFeatures) {
    throw new Error(
      `linear: input of shape ${formatShape(x.shape)} does not end in in_features = ${inFeatures} (weight ${formatShape(weight.shape)})`,
    );
  }
  if (bias && (bias.ndim !== 1 || bias.shape[0] !== outFeatures)) {
    throw new Error(
      `linear: bias must have shape [${outFeatures}], got ${formatShape(bias.shape)}`,
    );
  }
  const rows = reshape(x, [-1, inFeatures]);
  const product = batchedMatmul(rows, weight, false, true, 'linear');
  const y = recordOp('linear', product, [rows, weight], (g) => [
    rows.requiresGrad ? batchedMatmul(g, weight, false, false, 'linear') : null,
    weight.requiresGrad ? batchedMatmul(g, rows, true, false, 'linear') : null,
  ]);
  const withBias = bias ? add(y, bias) : y;
  return reshape(withBias, [...x.shape.slice(0, -1), outFeatures]);
}
