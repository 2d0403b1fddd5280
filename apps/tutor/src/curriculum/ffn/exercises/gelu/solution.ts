import { add, erf, mul, type Tensor } from '@xf/tensor';

export function gelu(x: Tensor): Tensor {
  const phi = mul(add(erf(mul(x, 1 / Math.SQRT2)), 1), 0.5);
  return mul(x, phi);
}
