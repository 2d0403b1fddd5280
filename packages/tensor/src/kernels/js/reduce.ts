import type { ReduceOp } from '../../backend.js';
import { allocate } from '../../pool.js';

/** Reduces x viewed as [outer, size, inner] over the middle axis. NaN propagates through max/min. */
export function reduce(
  op: ReduceOp,
  x: Float32Array,
  outer: number,
  size: number,
  inner: number,
): Float32Array {
  const out = allocate(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i;
      out[o * inner + i] = reduceOne(op, x, base, size, inner);
    }
  }
  return out;
}

function reduceOne(
  op: ReduceOp,
  x: Float32Array,
  base: number,
  size: number,
  stride: number,
): number {
  if (op === 'sum') {
    let s = 0;
    for (let j = 0; j < size; j++) s += x[base + j * stride];
    return s;
  }
  // max/min/argmax/argmin: the first extreme wins ties; a NaN is the extreme (as in PyTorch)
  const wantMax = op === 'max' || op === 'argmax';
  let best = x[base];
  let bestIndex = 0;
  for (let j = 1; j < size && !Number.isNaN(best); j++) {
    const v = x[base + j * stride];
    if (Number.isNaN(v) || (wantMax ? v > best : v < best)) {
      best = v;
      bestIndex = j;
    }
  }
  return op === 'max' || op === 'min' ? best : bestIndex;
}
