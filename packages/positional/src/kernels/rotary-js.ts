/**
 * The reference (js) rotary kernel. x is [rows, headDim] with rows cycling through `seq`
 * positions; row t uses table row tableOffset + t of cos and sin ([*, headDim / 2]).
 * Each channel pair (a, b) turns by its angle:
 *   a' = a cos - b sin,   b' = a sin + b cos.
 * Pairs are (i, i + headDim/2) ("halves") or (2i, 2i + 1) ("interleaved").
 * direction -1 turns the other way, which is the transpose: the backward.
 */
import { allocateZeroed } from '@xf/tensor';
export function rotaryJs(
  x: Float32Array,
  cos: Float32Array,
  sin: Float32Array,
  seq: number,
  headDim: number,
  tableOffset: number,
  interleaved: boolean,
  direction: 1 | -1,
): Float32Array {
  const half = headDim / 2;
  const rows = x.length / headDim;
  const out = allocateZeroed(x.length);
  for (let r = 0; r < rows; r++) {
    const base = r * headDim;
    const tableRow = (tableOffset + (r % seq)) * half;
    for (let i = 0; i < half; i++) {
      const a = interleaved ? base + 2 * i : base + i;
      const b = interleaved ? a + 1 : a + half;
      const c = cos[tableRow + i];
      const s = direction * sin[tableRow + i];
      out[a] = x[a] * c - x[b] * s;
      out[b] = x[a] * s + x[b] * c;
    }
  }
  return out;
}
