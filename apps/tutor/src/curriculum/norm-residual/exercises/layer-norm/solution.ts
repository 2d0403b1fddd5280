import { add, div, mean, mul, sqrt, square, sub, type Tensor } from '@xf/tensor';

export function layerNorm(x: Tensor, weight: Tensor, bias: Tensor, eps: number): Tensor {
  const mu = mean(x, -1, true);
  const centered = sub(x, mu);
  const variance = mean(square(centered), -1, true);
  return add(mul(div(centered, sqrt(add(variance, eps))), weight), bias);
}
