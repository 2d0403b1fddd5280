import { type Tensor, tensor } from '@xf/tensor';

export function causalMask(L: number, S: number): Tensor {
  const past = S - L; // keys already in the cache
  const rows = Array.from({ length: L }, (_, i) =>
    Array.from({ length: S }, (_, j) => j <= past + i),
  );
  return tensor(rows.length ? rows : [], [L, S], { dtype: 'bool' });
}
