/** Picking elements by index: gather, indexSelect (embedding lookup), oneHot. */
import { recordOp } from '../autograd.js';
import { allocate, allocateZeroed } from '../pool.js';
import { formatShape, normalizeDim, numel, reductionSplit, stridesOf } from '../shape.js';
import { Tensor } from '../tensor.js';
import { checkIndices, checkTensor, make } from './core.js';

/**
 * out[i][j][k] = x[index[i][j][k]][j][k] for dim 0 (and likewise for other dims), as torch.gather.
 * index has x's rank and is no larger than x outside dim; the gradient scatter-adds back.
 */
export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  checkTensor(x, 'gather');
  checkTensor(index, 'gather', 'index');
  const d = normalizeDim('gather', dim, x.ndim);
  if (index.ndim !== x.ndim || index.shape.some((s, i) => i !== d && s > x.shape[i])) {
    throw new Error(
      `gather: index of shape ${formatShape(index.shape)} does not fit input ${formatShape(x.shape)} (same rank, no larger outside dim ${d})`,
    );
  }
  const idx = checkIndices('gather', index, x.shape[d], `dim ${d}`);
  const xStrides = stridesOf(x.shape);
  const positions = new Int32Array(idx.length);
  const counter = new Array<number>(index.ndim).fill(0);
  for (let i = 0; i < idx.length; i++) {
    let pos = 0;
    for (let k = 0; k < counter.length; k++) pos += (k === d ? idx[i] : counter[k]) * xStrides[k];
    positions[i] = pos;
    for (let k = counter.length - 1; k >= 0; k--) {
      if (++counter[k] < index.shape[k]) break;
      counter[k] = 0;
    }
  }
  const data = new Float32Array(idx.length);
  for (let i = 0; i < data.length; i++) data[i] = x.data[positions[i]];
  const out = make(data, index.shape, x.dtype);
  return recordOp('gather', out, [x], (g) => {
    const gx = new Float32Array(x.numel());
    for (let i = 0; i < positions.length; i++) gx[positions[i]] += g.data[i];
    return [make(gx, x.shape)];
  });
}

/** The slices of x at `index` (1-D) along dim, as torch.index_select. Repeated indices add their gradients. */
export function indexSelect(x: Tensor, dim: number, index: Tensor | ArrayLike<number>): Tensor {
  checkTensor(x, 'indexSelect');
  const d = normalizeDim('indexSelect', dim, x.ndim);
  if (index instanceof Tensor && index.ndim > 1) {
    throw new Error(`indexSelect: index must be 1-D, got shape ${formatShape(index.shape)}`);
  }
  const idx = checkIndices('indexSelect', index, x.shape[d], `dim ${d}`);
  const [outer, size, inner] = reductionSplit(x.shape, d);
  const shape = [...x.shape];
  shape[d] = idx.length;
  const data = allocate(numel(shape));
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < idx.length; i++) {
      const src = (o * size + idx[i]) * inner;
      data.set(x.data.subarray(src, src + inner), (o * idx.length + i) * inner);
    }
  }
  const out = make(data, shape, x.dtype);
  return recordOp('indexSelect', out, [x], (g) => {
    const gx = allocateZeroed(x.numel());
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < idx.length; i++) {
        const dst = (o * size + idx[i]) * inner;
        const src = (o * idx.length + i) * inner;
        for (let j = 0; j < inner; j++) gx[dst + j] += g.data[src + j];
      }
    }
    return [make(gx, x.shape)];
  });
}

/** [..., numClasses] with a 1 at each index, as torch.nn.functional.one_hot (float32 here). */
export function oneHot(indices: Tensor, numClasses: number): Tensor {
  checkTensor(indices, 'oneHot', 'indices');
  if (!Number.isInteger(numClasses) || numClasses <= 0) {
    throw new Error(`oneHot: numClasses must be a positive integer, got ${numClasses}`);
  }
  const idx = checkIndices('oneHot', indices, numClasses, 'numClasses');
  const data = new Float32Array(idx.length * numClasses);
  for (let i = 0; i < idx.length; i++) data[i * numClasses + idx[i]] = 1;
  return make(data, [...indices.shape, numClasses]);
}
