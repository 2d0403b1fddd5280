import { amax, div, exp, sub, sum, type Tensor } from '@xf/tensor';

export function softmax(x: Tensor, dim: number): Tensor {
  const e = exp(sub(x, amax(x, dim, true)));
  return div(e, sum(e, dim, true));
}
