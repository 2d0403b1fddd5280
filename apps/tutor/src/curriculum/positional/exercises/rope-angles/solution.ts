import { Tensor } from '@xf/tensor';

export function rotaryTables(
  seqLen: number,
  headDim: number,
  offset: number,
): { cos: Tensor; sin: Tensor } {
  const half = headDim / 2;
  const cos = new Float32Array(seqLen * half);
  const sin = new Float32Array(seqLen * half);
  for (let t = 0; t < seqLen; t++) {
    for (let i = 0; i < half; i++) {
      const angle = (offset + t) * 10000 ** ((-2 * i) / headDim);
      cos[t * half + i] = Math.cos(angle);
      sin[t * half + i] = Math.sin(angle);
    }
  }
  return { cos: new Tensor(cos, [seqLen, half]), sin: new Tensor(sin, [seqLen, half]) };
}
