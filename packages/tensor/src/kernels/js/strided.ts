import type { StridedLoop } from '../../shape.js';

/**
 * Walks a strided loop one innermost row at a time. For each row, `row` gets the
 * output position of its first element, the row length, and each operand's starting
 * offset; the caller's own tight loop then steps by `loop.strides[k][last]`.
 */
export function forEachRow(
  loop: StridedLoop,
  baseOffsets: readonly number[],
  row: (outStart: number, length: number, offsets: number[]) => void,
): void {
  const { shape, strides } = loop;
  const rank = shape.length;
  if (rank === 0) {
    row(0, 1, [...baseOffsets]);
    return;
  }
  const length = shape[rank - 1];
  const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
  const index = new Array<number>(rank - 1).fill(0);
  const offsets = [...baseOffsets];
  for (let r = 0; r < rows; r++) {
    row(r * length, length, offsets);
    // advance the multi-index like an odometer, updating each operand's offset
    for (let d = rank - 2; d >= 0; d--) {
      index[d]++;
      for (let k = 0; k < offsets.length; k++) offsets[k] += strides[k][d];
      if (index[d] < shape[d]) break;
      for (let k = 0; k < offsets.length; k++) offsets[k] -= strides[k][d] * shape[d];
      index[d] = 0;
    }
  }
}

export function innerStride(loop: StridedLoop, operand: number): number {
  const s = loop.strides[operand];
  return s.length === 0 ? 0 : s[s.length - 1];
}
