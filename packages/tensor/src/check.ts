/** Guards against silent numerical failure. */
import { formatShape } from './shape.js';
import type { Tensor } from './tensor.js';

/** The multi-index of a flat position, e.g. [0, 3]. */
export function unravelIndex(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    index[d] = flat % shape[d];
    flat = Math.floor(flat / shape[d]);
  }
  return index;
}

/** Throws, naming the tensor and the first bad position, if any value is NaN or infinite. */
export function assertFinite(x: Tensor, name = 'tensor'): Tensor {
  const data = x.data;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v)) {
      const kind = Number.isNaN(v) ? 'NaN' : v > 0 ? 'inf' : '-inf';
      throw new Error(
        `assertFinite: ${name} (shape ${formatShape(x.shape)}) contains ${kind} at index [${unravelIndex(i, x.shape).join(', ')}]`,
      );
    }
  }
  return x;
}

/** Whether every value is finite. */
export function allFinite(x: Tensor): boolean {
  return x.data.every((v) => Number.isFinite(v));
}
