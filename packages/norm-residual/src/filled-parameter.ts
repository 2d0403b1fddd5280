import { nn } from '@xf/tensor';

/** A parameter of `shape` with every value `value` (norm weights start at 1, biases at 0). */
export function filledParameter(shape: readonly number[], value: number): nn.Parameter {
  const p = nn.Parameter.empty(shape);
  p.data.fill(value);
  return p;
}
