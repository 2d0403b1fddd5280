import { reshape, type Tensor, transpose } from '@xf/tensor';

export function splitHeads(x: Tensor, h: number): Tensor {
  const [B, L, width] = x.shape;
  return transpose(reshape(x, [B, L, h, width / h]), 1, 2);
}

export function mergeHeads(x: Tensor): Tensor {
  const [B, H, L, D] = x.shape;
  return reshape(transpose(x, 1, 2), [B, L, H * D]);
}
