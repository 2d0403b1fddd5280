import { gelu } from '@xf/ffn';
import { linear, type Tensor } from '@xf/tensor';

export interface FfnParams {
  w1: Tensor;
  b1: Tensor;
  w2: Tensor;
  b2: Tensor;
}

export function feedForward(x: Tensor, p: FfnParams): Tensor {
  return linear(gelu(linear(x, p.w1, p.b1)), p.w2, p.b2);
}
