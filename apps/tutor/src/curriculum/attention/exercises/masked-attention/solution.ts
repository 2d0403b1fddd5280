import { isnan, matmul, mul, softmax, type Tensor, transpose, where } from '@xf/tensor';

export function attention(
  q: Tensor,
  k: Tensor,
  v: Tensor,
  mask: Tensor | null,
): { output: Tensor; weights: Tensor } {
  const dK = q.shape[q.shape.length - 1];
  let scores = mul(matmul(q, transpose(k, -2, -1)), 1 / Math.sqrt(dK));
  if (mask) scores = where(mask, scores, Number.NEGATIVE_INFINITY);
  let weights = softmax(scores, -1);
  // a row whose every key is masked is 0/0 = NaN: it attends to nothing
  if (mask) weights = where(isnan(weights), 0, weights);
  return { output: matmul(weights, v), weights };
}
