import { add, div, mul, sqrt, square, sub, type Tensor } from '@xf/tensor';

export interface AdamWOptions {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
}

export function adamwStep(
  p: Tensor,
  g: Tensor,
  state: { m: Tensor; v: Tensor; t: number },
  o: AdamWOptions,
): { p: Tensor; m: Tensor; v: Tensor } {
  const decayed = mul(p, 1 - o.lr * o.weightDecay);
  const m = add(mul(state.m, o.beta1), mul(g, 1 - o.beta1));
  const v = add(mul(state.v, o.beta2), mul(square(g), 1 - o.beta2));
  const mHat = div(m, 1 - o.beta1 ** state.t);
  const vHat = div(v, 1 - o.beta2 ** state.t);
  const update = div(mHat, add(sqrt(vHat), o.eps));
  return { p: sub(decayed, mul(update, o.lr)), m, v };
}
