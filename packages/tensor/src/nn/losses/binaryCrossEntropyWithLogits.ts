/**
 * Binary cross-entropy on logits, as torch.nn.functional.binary_cross_entropy_with_logits:
 * the sigmoid and the log-likelihood fused so that large |logits| (±100 and beyond) give
 * exact, finite losses and gradients instead of log(0).
 */
import { recordOp } from '../../autograd.js';
import {
  bceWithLogitsBackward,
  bceWithLogitsForward,
} from '../../kernels/js/binaryCrossEntropy.js';
import { mul } from '../../ops/elementwise.js';
import { mean, sum } from '../../ops/reduce.js';
import { expand } from '../../ops/shape.js';
import { formatShape } from '../../shape.js';
import { Tensor } from '../../tensor.js';
import { checkReduction, type Reduction } from './reduction.js';

export interface BinaryCrossEntropyWithLogitsOptions {
  /** Rescales each element's loss; broadcast to the input's shape. */
  weight?: Tensor | null;
  reduction?: Reduction;
  /** Weight of positive examples, broadcast to the input's shape (typically [C] for [N, C]). */
  posWeight?: Tensor | null;
}

export function binaryCrossEntropyWithLogits(
  input: Tensor,
  target: Tensor,
  options: BinaryCrossEntropyWithLogitsOptions = {},
): Tensor {
  const op = 'binaryCrossEntropyWithLogits';
  if (!(input instanceof Tensor) || !(target instanceof Tensor)) {
    throw new TypeError(`${op}: input and target must be Tensors`);
  }
  const reduction = checkReduction(op, options.reduction ?? 'mean');
  if (!sameShape(input.shape, target.shape)) {
    throw new Error(
      `${op}: target size ${formatShape(target.shape)} must be the same as input size ${formatShape(input.shape)}`,
    );
  }
  const posWeight = options.posWeight
    ? broadcastTo(op, 'posWeight', options.posWeight, input.shape)
    : null;
  const y = target.dtype === 'float32' ? target : target.float();
  const elementwise = recordOp(
    op,
    new Tensor(bceWithLogitsForward(input.data, y.data, posWeight), input.shape),
    [input, y],
    (g) => {
      const { dx, dy } = bceWithLogitsBackward(input.data, y.data, posWeight, g.data);
      return [new Tensor(dx, input.shape), new Tensor(dy, input.shape)];
    },
  );
  let losses = elementwise;
  if (options.weight) {
    broadcastTo(op, 'weight', options.weight, input.shape); // checks the shape, with our message
    losses = mul(elementwise, options.weight);
  }
  if (reduction === 'none') {
    return losses;
  }
  return reduction === 'sum' ? sum(losses) : mean(losses);
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function broadcastTo(op: string, name: string, t: Tensor, shape: readonly number[]): Float32Array {
  try {
    return expand(t, shape).data;
  } catch {
    throw new Error(
      `${op}: ${name} of shape ${formatShape(t.shape)} does not broadcast to input ${formatShape(shape)}`,
    );
  }
}
