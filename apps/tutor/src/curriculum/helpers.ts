/** Small helpers for building cases in check.ts files. */
import { type Generator, type nn, randn, type Tensor, tensor } from '@xf/tensor';

/** Standard normal values of the given shape, from the case's generator. */
export function normal(gen: Generator, shape: number[], scale = 1): Tensor {
  const t = randn(shape, { generator: gen });
  if (scale !== 1) for (let i = 0; i < t.data.length; i++) t.data[i] *= scale;
  return t;
}

/** An integer in [low, high]. */
export function between(gen: Generator, low: number, high: number): number {
  return gen.integer(low, high + 1);
}

/** A bool tensor, true with probability p. */
export function boolMask(gen: Generator, shape: number[], p: number): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tensor(
    Float32Array.from({ length: n }, () => (gen.uniform() < p ? 1 : 0)),
    shape,
    { dtype: 'bool' },
  );
}

/** Copies plain values into a module's parameters by state-dict name. */
export function loadInto(module: nn.Module, values: Record<string, Tensor>): void {
  module.loadStateDict(values);
}

/** Integer class indices in [0, classes), as an int32 tensor. */
export function classIndices(gen: Generator, n: number, classes: number): Tensor {
  return tensor(
    Array.from({ length: n }, () => gen.integer(0, classes)),
    [n],
    { dtype: 'int32' },
  );
}
