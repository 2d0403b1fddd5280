import { add, type Tensor } from '@xf/tensor';

type Fn = (x: Tensor) => Tensor;

export function postNorm(x: Tensor, sublayer: Fn, norm: Fn): Tensor {
  return norm(add(x, sublayer(x)));
}

export function preNorm(x: Tensor, sublayer: Fn, norm: Fn): Tensor {
  return add(x, sublayer(norm(x)));
}
