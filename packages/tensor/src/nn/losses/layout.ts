/**
 * Where the class dimension is. Losses over classes see logits as [outer, C, inner]: `outer`
 * positions before the class dim, `inner` after it, and one target per (outer, inner) position.
 *
 * Accepted layouts (targets of class indices):
 * - logits [C] with target []                            (one example)
 * - logits [N, C] with target [N]                        (PyTorch)
 * - logits [N, C, d1, ..., dk] with target [N, d1, ..., dk]  (PyTorch, class dim 1)
 * - logits [d0, ..., dk, C] with target [d0, ..., dk]    (class last, e.g. [B, T, C] with [B, T])
 * When a target fits both of the last two (all non-batch sizes equal, e.g. [2, 5, 5] with [2, 5]),
 * the call is refused as ambiguous rather than guessed. Targets of class probabilities have
 * the logits' own shape and use PyTorch's layout (class dim 1, or 0 for 1-D logits).
 */
import { formatShape, numel } from '../../shape.js';
import type { Tensor } from '../../tensor.js';

export interface ClassLayout {
  outer: number;
  classes: number;
  inner: number;
  classDim: number;
  /** One loss per position: the logits' shape without the class dim. */
  positionsShape: number[];
  /** The target holds probabilities over classes (same shape as the logits), not indices. */
  probabilities: boolean;
}

const without = (shape: readonly number[], dim: number): number[] =>
  shape.filter((_, i) => i !== dim);

const same = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((d, i) => d === b[i]);

export function classLayout(op: string, logits: Tensor, target: Tensor): ClassLayout {
  const shape = logits.shape;
  const n = shape.length;
  if (n === 0) {
    throw new Error(`${op}: input must have a class dimension, got a 0-d tensor`);
  }
  const probabilities = same(target.shape, shape);
  let classDim: number;
  if (probabilities) {
    if (target.dtype !== 'float32') {
      throw new Error(
        `${op}: a target with the input's shape ${formatShape(shape)} holds class probabilities and must be float32, got ${target.dtype}`,
      );
    }
    classDim = n === 1 ? 0 : 1;
  } else if (n === 1) {
    if (target.ndim !== 0) {
      throw misfit(op, logits, target);
    }
    classDim = 0;
  } else {
    const dimOne = same(target.shape, without(shape, 1));
    const last = n >= 3 && same(target.shape, without(shape, n - 1));
    if (dimOne && last) {
      throw new Error(
        `${op}: target ${formatShape(target.shape)} fits input ${formatShape(shape)} with the classes in dim 1 and in the last dim; ` +
          'reshape to [N, C] and [N] to say which',
      );
    }
    if (!dimOne && !last) {
      throw misfit(op, logits, target);
    }
    classDim = dimOne ? 1 : n - 1;
  }
  const classes = shape[classDim];
  if (classes === 0) {
    throw new Error(`${op}: input ${formatShape(shape)} has no classes`);
  }
  return {
    outer: numel(shape.slice(0, classDim)),
    classes,
    inner: numel(shape.slice(classDim + 1)),
    classDim,
    positionsShape: without(shape, classDim),
    probabilities,
  };
}

function misfit(op: string, logits: Tensor, target: Tensor): Error {
  return new Error(
    `${op}: target of shape ${formatShape(target.shape)} does not fit input of shape ${formatShape(logits.shape)}; ` +
      'expected [] for [C], [N] for [N, C], [N, d1, ...] for [N, C, d1, ...], [...] for [..., C], ' +
      'or the input shape itself for class probabilities',
  );
}

/**
 * Class indices per position, -1 where the target equals ignoreIndex. Values must be
 * integers in [0, C) unless ignored.
 */
export function classIndices(
  op: string,
  target: Tensor,
  classes: number,
  ignoreIndex: number,
): Int32Array {
  const out = new Int32Array(target.numel());
  for (let i = 0; i < out.length; i++) {
    const t = target.data[i];
    if (t === ignoreIndex) {
      out[i] = -1;
    } else if (!Number.isInteger(t) || t < 0 || t >= classes) {
      throw new Error(
        `${op}: target ${t} at position ${i} is not a class index in [0, ${classes}) nor ignoreIndex (${ignoreIndex})`,
      );
    } else {
      out[i] = t;
    }
  }
  return out;
}

/** The optional per-class weight: a float tensor of shape [C]. */
export function classWeights(
  op: string,
  weight: Tensor | undefined | null,
  classes: number,
): Float32Array | null {
  if (weight === undefined || weight === null) {
    return null;
  }
  if (weight.ndim !== 1 || weight.shape[0] !== classes) {
    throw new Error(
      `${op}: weight must have shape [${classes}] (one per class), got ${formatShape(weight.shape)}`,
    );
  }
  return weight.data;
}
