import { layerNorm } from '@xf/norm-residual';
import { Generator, randn } from '@xf/tensor';

/** Three token vectors before and after LayerNorm: their mean and standard deviation. */
export function stats(): string {
  const gen = new Generator(5);
  const x = randn([3, 64], { generator: gen });
  const scales = [0.2, 1, 6];
  const shifts = [3, -1, 0.5];
  for (let r = 0; r < 3; r++)
    for (let j = 0; j < 64; j++) x.data[r * 64 + j] = x.data[r * 64 + j] * scales[r] + shifts[r];
  const y = layerNorm(x, [64]);
  const stat = (data: Float32Array, r: number) => {
    const row = data.subarray(r * 64, r * 64 + 64);
    const mean = row.reduce((a, b) => a + b, 0) / 64;
    const sd = Math.sqrt(row.reduce((a, b) => a + (b - mean) ** 2, 0) / 64);
    return `mean ${mean.toFixed(2).padStart(6)}  std ${sd.toFixed(2).padStart(5)}`;
  };
  return [0, 1, 2]
    .map((r) => `  token ${r}:  before  ${stat(x.data, r)}    after  ${stat(y.data, r)}`)
    .join('\n');
}
