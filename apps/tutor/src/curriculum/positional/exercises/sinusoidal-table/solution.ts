import { Tensor } from '@xf/tensor';

export function sinusoidalTable(maxLen: number, dModel: number): Tensor {
  const table = new Float32Array(maxLen * dModel);
  for (let pos = 0; pos < maxLen; pos++) {
    for (let j = 0; j < dModel; j++) {
      const twoI = j - (j % 2); // the even column of j's pair
      const angle = pos / 10000 ** (twoI / dModel);
      table[pos * dModel + j] = j % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return new Tensor(table, [maxLen, dModel]);
}
