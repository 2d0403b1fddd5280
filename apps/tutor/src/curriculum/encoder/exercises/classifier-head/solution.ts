import { div, linear, logicalNot, mean, mul, sum, type Tensor, unsqueeze } from '@xf/tensor';

export function classifierHead(
  h: Tensor,
  paddingMask: Tensor | null,
  weight: Tensor,
  bias: Tensor,
): Tensor {
  if (!paddingMask) return linear(mean(h, 1), weight, bias);
  const real = unsqueeze(logicalNot(paddingMask).float(), -1); // [B, T, 1], 1 at real tokens
  const pooled = div(sum(mul(h, real), 1), sum(real, 1)); // [B, d] / [B, 1]
  return linear(pooled, weight, bias);
}
