import { add, mean, mul, rsqrt, square, type Tensor } from '@xf/tensor';

export function rmsNorm(x: Tensor, weight: Tensor, eps: number): Tensor {
  return mul(mul(x, rsqrt(add(mean(square(x), -1, true), eps))), weight);
}
