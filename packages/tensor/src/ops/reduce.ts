/** Reductions over one dim, several dims, or everything, with keepdim as in PyTorch. */
import { recordOp } from '../autograd.js';
import type { ReduceOp } from '../backend.js';
import { getBackend } from '../backends.js';
import { formatShape, normalizeDim, reductionSplit } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkTensor, make } from './core.js';
import { add, div, eq, exp, isfinite, log, mul, sqrt, sub, where } from './elementwise.js';
import { expand, reshape } from './shape.js';

export type Dims = number | number[] | null | undefined;

/** The dims to reduce, normalised and sorted; all dims when none are given. */
function reducedDims(op: string, x: Tensor, dims: Dims): number[] {
  if (dims === null || dims === undefined) return x.shape.map((_, i) => i);
  const list = typeof dims === 'number' ? [dims] : dims;
  const normal = list.map((d) => normalizeDim(op, d, x.ndim));
  if (new Set(normal).size !== normal.length)
    throw new Error(`${op}: dim ${list.join(', ')} repeats a dim`);
  return normal.sort((a, b) => a - b);
}

/** The output shape with reduced dims kept as 1. */
function keptShape(x: Tensor, dims: number[]): number[] {
  return x.shape.map((d, i) => (dims.includes(i) ? 1 : d));
}

function finalShape(x: Tensor, dims: number[], keepdim: boolean): number[] {
  return keepdim ? keptShape(x, dims) : x.shape.filter((_, i) => !dims.includes(i));
}

/** Applies a single-dim kernel reduction over each dim in turn (no autograd). */
function reduceData(op: ReduceOp, x: Tensor, dims: number[]): Float32Array {
  let data = x.data;
  const shape = [...x.shape];
  for (const d of dims) {
    const [outer, size, inner] = reductionSplit(shape, d);
    data = getBackend().reduce(op, data, outer, size, inner);
    shape[d] = 1;
  }
  return data;
}

export function sum(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  checkTensor(x, 'sum');
  const dims = reducedDims('sum', x, dim);
  const out = make(reduceData('sum', x, dims), finalShape(x, dims, keepdim));
  // every input element contributed once: its gradient is the output's, broadcast back
  return recordOp('sum', out, [x], (g) => [expand(reshape(g, keptShape(x, dims)), x.shape)]);
}

export function mean(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  checkTensor(x, 'mean');
  const dims = reducedDims('mean', x, dim);
  const count = dims.reduce((n, d) => n * x.shape[d], 1);
  return div(sum(x, dims, keepdim), count);
}

function extreme(op: 'max' | 'min', name: string, x: Tensor, dim: Dims, keepdim: boolean): Tensor {
  checkTensor(x, name);
  const dims = reducedDims(name, x, dim);
  for (const d of dims) {
    if (x.shape[d] === 0) {
      throw new Error(
        `${name}: cannot reduce over dim ${d} of size 0 in shape ${formatShape(x.shape)}`,
      );
    }
  }
  const kept = make(reduceData(op, x, dims), keptShape(x, dims));
  const out = make(kept.data, finalShape(x, dims, keepdim));
  // the gradient is shared evenly among the elements that attain the extreme
  return recordOp(name, out, [x], (g) => {
    const hits = eq(x, kept);
    const count = sum(hits, dims, true);
    return [mul(expand(reshape(g, kept.shape), x.shape), div(hits, count))];
  });
}

export const amax = (x: Tensor, dim?: Dims, keepdim = false): Tensor =>
  extreme('max', 'amax', x, dim, keepdim);
export const amin = (x: Tensor, dim?: Dims, keepdim = false): Tensor =>
  extreme('min', 'amin', x, dim, keepdim);

export interface ValuesIndices {
  values: Tensor;
  indices: Tensor;
}

function extremeWithIndex(
  op: 'max' | 'min',
  x: Tensor,
  dim: number,
  keepdim: boolean,
): ValuesIndices {
  const d = normalizeDim(op, dim, x.ndim);
  const indices = argExtreme(op === 'max' ? 'argmax' : 'argmin', x, d, true);
  const [outer, size, inner] = reductionSplit(x.shape, d);
  const values = new Float32Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      values[o * inner + i] = x.data[(o * size + indices.data[o * inner + i]) * inner + i];
    }
  }
  const shape = finalShape(x, [d], keepdim);
  const out = make(values, shape);
  // only the selected element receives the gradient
  recordOp(op, out, [x], (g) => {
    const gx = new Float32Array(x.numel());
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        gx[(o * size + indices.data[o * inner + i]) * inner + i] += g.data[o * inner + i];
      }
    }
    return [make(gx, x.shape)];
  });
  return { values: out, indices: make(indices.data, shape, 'int32') };
}

/** max(x) is the overall maximum; max(x, dim) gives {values, indices} like torch.max. */
export function max(x: Tensor): Tensor;
export function max(x: Tensor, dim: number, keepdim?: boolean): ValuesIndices;
export function max(x: Tensor, dim?: number, keepdim = false): Tensor | ValuesIndices {
  checkTensor(x, 'max');
  return dim === undefined ? amax(x) : extremeWithIndex('max', x, dim, keepdim);
}

export function min(x: Tensor): Tensor;
export function min(x: Tensor, dim: number, keepdim?: boolean): ValuesIndices;
export function min(x: Tensor, dim?: number, keepdim = false): Tensor | ValuesIndices {
  checkTensor(x, 'min');
  return dim === undefined ? amin(x) : extremeWithIndex('min', x, dim, keepdim);
}

function argExtreme(
  op: 'argmax' | 'argmin',
  x: Tensor,
  dim: number | undefined,
  keepdim: boolean,
): Tensor {
  checkTensor(x, op);
  if (dim === undefined) {
    if (x.numel() === 0) throw new Error(`${op}: cannot reduce an empty tensor`);
    const flat = make(x.data, [x.numel()]);
    return make(reduceData(op, flat, [0]), keepdim ? x.shape.map(() => 1) : [], 'int32');
  }
  const d = normalizeDim(op, dim, x.ndim);
  if (x.shape[d] === 0) throw new Error(`${op}: cannot reduce over dim ${d} of size 0`);
  return make(reduceData(op, x, [d]), finalShape(x, [d], keepdim), 'int32');
}

export const argmax = (x: Tensor, dim?: number, keepdim = false): Tensor =>
  argExtreme('argmax', x, dim, keepdim);
export const argmin = (x: Tensor, dim?: number, keepdim = false): Tensor =>
  argExtreme('argmin', x, dim, keepdim);

export interface VarOptions {
  /** Subtracted from the count in the denominator: 1 (default) is the unbiased estimate, 0 the biased one. */
  correction?: number;
  /** PyTorch's older flag: false means correction 0. */
  unbiased?: boolean;
  keepdim?: boolean;
}

/** Variance, as torch.var: sum((x - mean)²) / (N - correction). */
export function variance(x: Tensor, dim?: Dims, options: VarOptions = {}): Tensor {
  checkTensor(x, 'var');
  const dims = reducedDims('var', x, dim);
  const correction = options.correction ?? (options.unbiased === false ? 0 : 1);
  const count = dims.reduce((n, d) => n * x.shape[d], 1);
  const centered = sub(x, mean(x, dims, true));
  return div(
    sum(mul(centered, centered), dims, options.keepdim ?? false),
    Math.max(count - correction, 0),
  );
}

export const std = (x: Tensor, dim?: Dims, options: VarOptions = {}): Tensor =>
  sqrt(variance(x, dim, options));

/** log(sum(exp(x))) over dims, computed stably by factoring out the maximum. */
export function logsumexp(x: Tensor, dim: number | number[], keepdim = false): Tensor {
  checkTensor(x, 'logsumexp');
  const dims = reducedDims('logsumexp', x, dim);
  const m = make(reduceData('max', x, dims), keptShape(x, dims)); // constant: no gradient needed
  const shift = where(isfinite(m), m, 0);
  const out = add(log(sum(exp(sub(x, shift)), dims, true)), shift);
  return keepdim ? out : reshape(out, finalShape(x, dims, false));
}
