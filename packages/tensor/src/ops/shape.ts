/**
 * Shape ops. Storage is always contiguous, so reshape is free and everything that
 * reorders or cuts (permute, expand, slice) is one strided copy by the backend.
 */
import { recordOp } from '../autograd.js';
import { getBackend } from '../backends.js';
import { forEachRow } from '../kernels/js/strided.js';
import { allocate, allocateZeroed } from '../pool.js';
import {
  broadcastStrides,
  collapseDims,
  formatShape,
  normalizeDim,
  numel,
  type Shape,
  stridesOf,
} from '../shape.js';
import { type DType, Tensor } from '../tensor.js';
import { checkTensor, make, sumToShape } from './core.js';

/** Accepts both `f(2, 3)` and `f([2, 3])`. */
export function shapeArgs(args: number[] | [number[]]): number[] {
  return Array.isArray(args[0]) ? [...(args[0] as number[])] : (args as number[]);
}

export function dimIndex(op: string, dim: number, rank: number): number {
  return normalizeDim(op, dim, rank);
}

/** Copies x through a strided view of it: `strides` per output dim, starting at `offset`. */
function gatherView(x: Tensor, offset: number, shape: Shape, strides: number[]): Float32Array {
  if (numel(shape) === 0) return new Float32Array(0);
  return getBackend().copyStrided(x.data, offset, collapseDims(shape, [strides]));
}

/**
 * The adjoint of gatherView: adds `g` into a zero tensor of `shape` at the viewed positions.
 * Views here (slices, narrows) never overlap themselves, so each position is written once.
 */
function scatterView(g: Tensor, shape: Shape, offset: number, strides: number[]): Tensor {
  const out = allocateZeroed(numel(shape));
  if (g.numel() > 0) {
    const loop = collapseDims(g.shape, [strides, stridesOf(g.shape)]);
    forEachRow(loop, [offset, 0], (_o, n, [dst, src]) => {
      const step = loop.strides[0][loop.shape.length - 1] ?? 0;
      for (let j = 0; j < n; j++) out[dst + j * step] += g.data[src + j];
    });
  }
  return make(out, shape);
}

export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  checkTensor(x, 'reshape');
  const target = inferShape('reshape', x, shape);
  const out = make(x.data, target, x.dtype);
  return recordOp('reshape', out, [x], (g) => [make(g.data, x.shape)]);
}

export const view = (x: Tensor, shape: readonly number[]): Tensor => reshape(x, shape);

function inferShape(op: string, x: Tensor, shape: readonly number[]): number[] {
  const n = x.numel();
  const unknown = shape.filter((d) => d === -1).length;
  if (unknown > 1)
    throw new Error(`${op}: only one dimension can be -1, got ${formatShape(shape)}`);
  for (const d of shape) {
    if (!Number.isInteger(d) || d < -1)
      throw new Error(`${op}: invalid size ${d} in ${formatShape(shape)}`);
  }
  const known = shape.reduce((p, d) => (d === -1 ? p : p * d), 1);
  const out = shape.map((d) => (d === -1 ? (known === 0 ? 0 : n / known) : d));
  if (numel(out) !== n || out.some((d) => !Number.isInteger(d))) {
    throw new Error(
      `${op}: shape ${formatShape(shape)} is invalid for input of shape ${formatShape(x.shape)} (${n} elements)`,
    );
  }
  return out;
}

export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  checkTensor(x, 'flatten');
  if (x.ndim === 0) return reshape(x, [1]);
  const s = normalizeDim('flatten', startDim, x.ndim);
  const e = normalizeDim('flatten', endDim, x.ndim);
  if (s > e) throw new Error(`flatten: startDim ${startDim} comes after endDim ${endDim}`);
  const merged = x.shape.slice(s, e + 1).reduce((a, b) => a * b, 1);
  return reshape(x, [...x.shape.slice(0, s), merged, ...x.shape.slice(e + 1)]);
}

export function unsqueeze(x: Tensor, dim: number): Tensor {
  checkTensor(x, 'unsqueeze');
  const d = normalizeDim('unsqueeze', dim, x.ndim + 1);
  return reshape(x, [...x.shape.slice(0, d), 1, ...x.shape.slice(d)]);
}

/** Removes size-1 dims: all of them, or only `dim` (left alone when its size is not 1, as PyTorch). */
export function squeeze(x: Tensor, dim?: number): Tensor {
  checkTensor(x, 'squeeze');
  if (dim === undefined)
    return reshape(
      x,
      x.shape.filter((d) => d !== 1),
    );
  const d = normalizeDim('squeeze', dim, x.ndim);
  if (x.ndim === 0 || x.shape[d] !== 1) return x;
  return reshape(x, [...x.shape.slice(0, d), ...x.shape.slice(d + 1)]);
}

export function permute(x: Tensor, dims: readonly number[]): Tensor {
  checkTensor(x, 'permute');
  if (dims.length !== x.ndim) {
    throw new Error(
      `permute: got ${dims.length} dims [${dims.join(', ')}] for a tensor of rank ${x.ndim}`,
    );
  }
  const perm = dims.map((d) => normalizeDim('permute', d, x.ndim));
  if (new Set(perm).size !== perm.length)
    throw new Error(`permute: dims [${dims.join(', ')}] repeat a dim`);
  const strides = stridesOf(x.shape);
  const shape = perm.map((p) => x.shape[p]);
  const out = make(
    gatherView(
      x,
      0,
      shape,
      perm.map((p) => strides[p]),
    ),
    shape,
    x.dtype,
  );
  const inverse = new Array<number>(perm.length);
  perm.forEach((p, i) => {
    inverse[p] = i;
  });
  return recordOp('permute', out, [x], (g) => [permute(g, inverse)]);
}

export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  checkTensor(x, 'transpose');
  const a = normalizeDim('transpose', dim0, x.ndim);
  const b = normalizeDim('transpose', dim1, x.ndim);
  const perm = x.shape.map((_, i) => i);
  [perm[a], perm[b]] = [perm[b], perm[a]];
  return a === b ? x : permute(x, perm);
}

export function t(x: Tensor): Tensor {
  checkTensor(x, 't');
  if (x.ndim > 2)
    throw new Error(`t: expects a tensor with at most 2 dims, got shape ${formatShape(x.shape)}`);
  return x.ndim < 2 ? x : transpose(x, 0, 1);
}

/** Broadcasts x to `shape` (a copy here; -1 keeps a dim), gradient summed back. */
export function expand(x: Tensor, shape: readonly number[]): Tensor {
  checkTensor(x, 'expand');
  if (shape.length < x.ndim) {
    throw new Error(
      `expand: the target ${formatShape(shape)} has fewer dims than the input ${formatShape(x.shape)}`,
    );
  }
  const lead = shape.length - x.ndim;
  const target = shape.map((d, i) => (d === -1 && i >= lead ? x.shape[i - lead] : d));
  target.forEach((d, i) => {
    const src = i < lead ? 1 : x.shape[i - lead];
    if (src !== 1 && src !== d) {
      throw new Error(
        `expand: the input ${formatShape(x.shape)} cannot be expanded to ${formatShape(shape)} (dim ${i}: ${src} vs ${d})`,
      );
    }
  });
  if (target.length === x.ndim && target.every((d, i) => d === x.shape[i])) return x;
  const out = make(gatherView(x, 0, target, broadcastStrides(x.shape, target)), target, x.dtype);
  return recordOp('expand', out, [x], (g) => [sumToShape(g, x.shape)]);
}

/** Elements start, start+step, ... before end along dim (Python's x[start:end:step]). */
export function slice(
  x: Tensor,
  dim: number,
  start?: number | null,
  end?: number | null,
  step = 1,
): Tensor {
  checkTensor(x, 'slice');
  const d = normalizeDim('slice', dim, x.ndim);
  const size = x.shape[d];
  if (!Number.isInteger(step) || step <= 0)
    throw new Error(`slice: step must be a positive integer, got ${step}`);
  const clampIndex = (i: number) => Math.min(Math.max(i < 0 ? i + size : i, 0), size);
  const s = clampIndex(start ?? 0);
  const e = clampIndex(end ?? size);
  const length = Math.max(0, Math.ceil((e - s) / step));
  return strided('slice', x, d, s, length, step);
}

/** `length` elements from `start` along dim, as torch.narrow (strict bounds). */
export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  checkTensor(x, 'narrow');
  const d = normalizeDim('narrow', dim, x.ndim);
  const s = start < 0 ? start + x.shape[d] : start;
  if (
    !Number.isInteger(s) ||
    !Number.isInteger(length) ||
    s < 0 ||
    length < 0 ||
    s + length > x.shape[d]
  ) {
    throw new Error(
      `narrow: start ${start} and length ${length} do not fit dim ${d} of size ${x.shape[d]} in ${formatShape(x.shape)}`,
    );
  }
  return strided('narrow', x, d, s, length, 1);
}

function strided(
  op: string,
  x: Tensor,
  d: number,
  start: number,
  length: number,
  step: number,
): Tensor {
  const base = stridesOf(x.shape);
  const shape = [...x.shape];
  shape[d] = length;
  const strides = [...base];
  strides[d] = base[d] * step;
  const offset = start * base[d];
  const out = make(gatherView(x, offset, shape, strides), shape, x.dtype);
  return recordOp(op, out, [x], (g) => [scatterView(g, x.shape, offset, strides)]);
}

/** One index along dim, dropping that dim (x[:, i] in Python). */
export function select(x: Tensor, dim: number, index: number): Tensor {
  checkTensor(x, 'select');
  const d = normalizeDim('select', dim, x.ndim);
  const size = x.shape[d];
  if (!Number.isInteger(index) || index < -size || index >= size) {
    throw new Error(`select: index ${index} is out of range for dim ${d} of size ${size}`);
  }
  const i = index < 0 ? index + size : index;
  return squeeze(narrow(x, d, i, 1), d);
}

/** Joins tensors along an existing dim; all other dims must match. */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  if (!tensors || tensors.length === 0)
    throw new Error('cat: expected a non-empty array of tensors');
  tensors.forEach((x, i) => {
    checkTensor(x, 'cat', `tensors[${i}]`);
  });
  const first = tensors[0];
  const d = normalizeDim('cat', dim, first.ndim);
  for (const [i, x] of tensors.entries()) {
    if (x.ndim !== first.ndim || x.shape.some((s, j) => j !== d && s !== first.shape[j])) {
      throw new Error(
        `cat: tensors[${i}] has shape ${formatShape(x.shape)}, which does not match ${formatShape(first.shape)} outside dim ${d}`,
      );
    }
  }
  const sizes = tensors.map((x) => x.shape[d]);
  const shape = [...first.shape];
  shape[d] = sizes.reduce((a, b) => a + b, 0);
  const outer = first.shape.slice(0, d).reduce((a, b) => a * b, 1);
  const inner = first.shape.slice(d + 1).reduce((a, b) => a * b, 1);
  const data = allocate(numel(shape));
  const rowOut = shape[d] * inner;
  let at = 0;
  for (const x of tensors) {
    const rowIn = x.shape[d] * inner;
    for (let o = 0; o < outer; o++)
      data.set(x.data.subarray(o * rowIn, (o + 1) * rowIn), o * rowOut + at);
    at += rowIn;
  }
  const dtype: DType = tensors.every((x) => x.dtype === first.dtype) ? first.dtype : 'float32';
  const out = make(data, shape, dtype);
  return recordOp('cat', out, tensors, (g) => {
    let start = 0;
    return tensors.map((x) => {
      const part = x.requiresGrad ? narrow(g, d, start, x.shape[d]) : null;
      start += x.shape[d];
      return part;
    });
  });
}

/** Joins tensors of equal shape along a new dim. */
export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  if (!tensors || tensors.length === 0)
    throw new Error('stack: expected a non-empty array of tensors');
  const first = checkTensor(tensors[0], 'stack', 'tensors[0]');
  tensors.forEach((x, i) => {
    checkTensor(x, 'stack', `tensors[${i}]`);
    if (x.ndim !== first.ndim || x.shape.some((s, j) => s !== first.shape[j])) {
      throw new Error(
        `stack: tensors[${i}] has shape ${formatShape(x.shape)}, expected ${formatShape(first.shape)}`,
      );
    }
  });
  const d = normalizeDim('stack', dim, first.ndim + 1);
  return cat(
    tensors.map((x) => unsqueeze(x, d)),
    d,
  );
}

/** Splits into pieces of `size` along dim (the last may be smaller), or into the given sizes. */
export function split(x: Tensor, splitSizeOrSections: number | number[], dim = 0): Tensor[] {
  checkTensor(x, 'split');
  const d = normalizeDim('split', dim, x.ndim);
  const size = x.shape[d];
  let sizes: number[];
  if (typeof splitSizeOrSections === 'number') {
    const step = splitSizeOrSections;
    if (!Number.isInteger(step) || step <= 0)
      throw new Error(`split: split size must be a positive integer, got ${step}`);
    sizes = [];
    for (let s = 0; s < size; s += step) sizes.push(Math.min(step, size - s));
    if (size === 0) sizes.push(0);
  } else {
    sizes = splitSizeOrSections;
    const total = sizes.reduce((a, b) => a + b, 0);
    if (total !== size) {
      throw new Error(
        `split: sizes [${sizes.join(', ')}] add up to ${total}, but dim ${d} has size ${size}`,
      );
    }
  }
  let start = 0;
  return sizes.map((n) => {
    const part = narrow(x, d, start, n);
    start += n;
    return part;
  });
}

export function chunk(x: Tensor, chunks: number, dim = 0): Tensor[] {
  checkTensor(x, 'chunk');
  if (!Number.isInteger(chunks) || chunks <= 0)
    throw new Error(`chunk: chunks must be a positive integer, got ${chunks}`);
  const d = normalizeDim('chunk', dim, x.ndim);
  return split(x, Math.max(1, Math.ceil(x.shape[d] / chunks)), d);
}

/** Tiles x `repeats[i]` times along each dim, as torch.Tensor.repeat. */
export function repeat(x: Tensor, repeats: readonly number[]): Tensor {
  checkTensor(x, 'repeat');
  if (repeats.length < x.ndim) {
    throw new Error(
      `repeat: got ${repeats.length} repeats for a tensor of rank ${x.ndim} (need at least ${x.ndim})`,
    );
  }
  const lead = repeats.length - x.ndim;
  const src = [...new Array(lead).fill(1), ...x.shape];
  // view as [1, s0, 1, s1, ...], expand to [r0, s0, r1, s1, ...], flatten pairs
  const interleaved = src.flatMap((s) => [1, s]);
  const expanded = src.flatMap((s, i) => [repeats[i], s]);
  return reshape(
    expand(reshape(x, interleaved), expanded),
    src.map((s, i) => s * repeats[i]),
  );
}

function triangle(op: 'tril' | 'triu', x: Tensor, diagonal: number): Tensor {
  checkTensor(x, op);
  if (x.ndim < 2)
    throw new Error(`${op}: expects at least 2 dims, got shape ${formatShape(x.shape)}`);
  const [rows, cols] = x.shape.slice(-2);
  const keep = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++)
      keep[i * cols + j] = (op === 'tril' ? j - i <= diagonal : j - i >= diagonal) ? 1 : 0;
  }
  const mask = make(keep, [rows, cols]);
  const data = new Float32Array(x.numel());
  for (let i = 0; i < data.length; i++) data[i] = keep[i % (rows * cols)] ? x.data[i] : 0;
  const out = make(data, x.shape, x.dtype);
  return recordOp(op, out, [x], (g) => {
    const gd = new Float32Array(g.numel());
    for (let i = 0; i < gd.length; i++) gd[i] = mask.data[i % (rows * cols)] ? g.data[i] : 0;
    return [make(gd, g.shape)];
  });
}

/** Keeps the lower triangle (j - i <= diagonal) of the last two dims, zeros the rest. */
export const tril = (x: Tensor, diagonal = 0): Tensor => triangle('tril', x, diagonal);
/** Keeps the upper triangle (j - i >= diagonal) of the last two dims, zeros the rest. */
export const triu = (x: Tensor, diagonal = 0): Tensor => triangle('triu', x, diagonal);

export function clone(x: Tensor): Tensor {
  checkTensor(x, 'clone');
  const out = make(x.data.slice(), x.shape, x.dtype);
  return recordOp('clone', out, [x], (g) => [g]);
}

/** Converts values to a dtype as PyTorch does: int32 truncates toward zero, bool maps nonzero to 1. */
export function toDType(x: Tensor, dtype: DType): Tensor {
  checkTensor(x, 'to');
  if (dtype === x.dtype) return x;
  if (dtype === 'float32') return new Tensor(x.data.slice(), x.shape, 'float32');
  return make(convertValues('to', x.data, dtype), x.shape, dtype);
}

/** Largest integer float32 holds exactly: int32 tensors are stored as float32. */
const MAX_EXACT_INT = 2 ** 24;

export function convertValues(op: string, values: Float32Array, dtype: DType): Float32Array {
  if (dtype === 'float32') return values;
  if (dtype === 'bool') return values.map((v) => (v !== 0 ? 1 : 0));
  if (dtype === 'int32') {
    return values.map((v, i) => {
      const t = Math.trunc(v);
      if (!(Math.abs(t) <= MAX_EXACT_INT)) {
        throw new Error(
          `${op}: value ${v} at index ${i} cannot be an int32 here (int32 tensors hold integers up to 2^24 = ${MAX_EXACT_INT} exactly, and no NaN or infinity)`,
        );
      }
      return t;
    });
  }
  throw new Error(`${op}: unknown dtype '${dtype}' (expected float32, int32 or bool)`);
}
