import { matmul, mul, type Tensor, transpose } from '@xf/tensor';

export function scores(q: Tensor, k: Tensor): Tensor {
  const dK = q.shape[q.shape.length - 1];
  return mul(matmul(q, transpose(k, -2, -1)), 1 / Math.sqrt(dK));
}
