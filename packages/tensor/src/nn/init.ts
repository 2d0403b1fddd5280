/** Weight initialisers, in place, as torch.nn.init (all draw from the seeded generator). */
import { defaultGenerator, type Generator } from '../random.js';
import type { Tensor } from '../tensor.js';

export function uniform_(t: Tensor, a = 0, b = 1, generator: Generator = defaultGenerator): Tensor {
  for (let i = 0; i < t.data.length; i++) t.data[i] = a + (b - a) * generator.uniform();
  return t;
}

export function normal_(
  t: Tensor,
  mean = 0,
  std = 1,
  generator: Generator = defaultGenerator,
): Tensor {
  for (let i = 0; i < t.data.length; i++) t.data[i] = mean + std * generator.normal();
  return t;
}

export function constant_(t: Tensor, value: number): Tensor {
  t.data.fill(value);
  return t;
}

export const zeros_ = (t: Tensor): Tensor => constant_(t, 0);
export const ones_ = (t: Tensor): Tensor => constant_(t, 1);

/** fan_in and fan_out of a weight [out, in, ...receptive field]. */
export function fans(t: Tensor): { fanIn: number; fanOut: number } {
  if (t.ndim < 2) throw new Error(`init: fan in/out need at least 2 dims, got ${t.ndim}`);
  const receptive = t.shape.slice(2).reduce((a, b) => a * b, 1);
  return { fanIn: t.shape[1] * receptive, fanOut: t.shape[0] * receptive };
}

/** U(-b, b) with b = gain √(6 / (fan_in + fan_out)). */
export function xavierUniform_(t: Tensor, gain = 1, generator?: Generator): Tensor {
  const { fanIn, fanOut } = fans(t);
  const bound = gain * Math.sqrt(6 / (fanIn + fanOut));
  return uniform_(t, -bound, bound, generator);
}

export function xavierNormal_(t: Tensor, gain = 1, generator?: Generator): Tensor {
  const { fanIn, fanOut } = fans(t);
  return normal_(t, 0, gain * Math.sqrt(2 / (fanIn + fanOut)), generator);
}

/**
 * He initialisation for leaky ReLU with slope a: U(-b, b), b = √(6 / ((1 + a²) fan_in)).
 * PyTorch's Linear uses a = √5, which gives b = 1/√fan_in.
 */
export function kaimingUniform_(t: Tensor, a = 0, generator?: Generator): Tensor {
  const { fanIn } = fans(t);
  const bound = Math.sqrt(6 / ((1 + a * a) * fanIn));
  return uniform_(t, -bound, bound, generator);
}

export function kaimingNormal_(t: Tensor, a = 0, generator?: Generator): Tensor {
  const { fanIn } = fans(t);
  return normal_(t, 0, Math.sqrt(2 / ((1 + a * a) * fanIn)), generator);
}
