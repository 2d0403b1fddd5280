import { linear, mul, sigmoid, type Tensor } from '@xf/tensor';

export interface SwigluParams {
  w1: Tensor;
  w2: Tensor;
  w3: Tensor;
}

export function swiglu(x: Tensor, p: SwigluParams): Tensor {
  const a = linear(x, p.w1);
  const gate = mul(a, sigmoid(a));
  return linear(mul(gate, linear(x, p.w3)), p.w2);
}
