/** The gpu.js rotary kernel: one thread per output channel, reading its pair's partner. */
import { gpuKernel } from '@xf/tensor';

const rotarySource = `function (x, cos, sin, seq, headDim, tableOffset, interleaved, direction) {
  const idx = this.thread.x;
  const row = Math.floor((idx + 0.5) / headDim);
  const j = idx - row * headDim;
  const t = row - Math.floor((row + 0.5) / seq) * seq;
  const half = headDim / 2;
  let i = j;
  let first = 1;
  let partner = idx + half;
  if (interleaved == 1) {
    i = Math.floor((j + 0.5) / 2);
    partner = idx + 1;
    if (j - 2 * i == 1) {
      first = 0;
      partner = idx - 1;
    }
  } else {
    if (j >= half) {
      i = j - half;
      first = 0;
      partner = idx - half;
    }
  }
  const p = (tableOffset + t) * half + i;
  const c = cos[p];
  const s = direction * sin[p];
  if (first == 1) {
    return x[idx] * c - x[partner] * s;
  }
  return x[partner] * s + x[idx] * c;
}`;

const rotaryKernel = gpuKernel(rotarySource);

export function rotaryGpu(
  x: Float32Array,
  cos: Float32Array,
  sin: Float32Array,
  seq: number,
  headDim: number,
  tableOffset: number,
  interleaved: boolean,
  direction: 1 | -1,
): Float32Array {
  return rotaryKernel.run(
    x.length,
    x,
    cos,
    sin,
    seq,
    headDim,
    tableOffset,
    interleaved ? 1 : 0,
    direction,
  );
}
