/**
 * The negative log-likelihood loss, as torch.nn.functional.nll_loss: `input` holds
 * log-probabilities, and the loss is -input[target] (times weight[target]), averaged over
 * the positions that are not ignored. Composed from tensor ops, so autograd derives its
 * gradient; crossEntropy(x, t) equals nllLoss(logSoftmax(x, classDim), t).
 */
import { div, mul, neg } from '../../ops/elementwise.js';
import { gather } from '../../ops/indexing.js';
import { sum } from '../../ops/reduce.js';
import { permute, reshape } from '../../ops/shape.js';
import { Tensor } from '../../tensor.js';
import { classIndices, classLayout, classWeights } from './layout.js';
import { checkReduction, type Reduction } from './reduction.js';

export interface NllLossOptions {
  weight?: Tensor | null;
  ignoreIndex?: number;
  reduction?: Reduction;
}

export function nllLoss(input: Tensor, target: Tensor, options: NllLossOptions = {}): Tensor {
  const op = 'nllLoss';
  const { ignoreIndex = -100 } = options;
  const reduction = checkReduction(op, options.reduction ?? 'mean');
  const layout = classLayout(op, input, target);
  if (layout.probabilities) {
    throw new Error(`${op}: target must hold class indices, not a tensor of the input's shape`);
  }
  const { classes: C, classDim } = layout;
  const indices = classIndices(op, target, C, ignoreIndex);
  const classWeight = classWeights(op, options.weight, C);
  const m = indices.length;

  // bring the class dim last, then one row per position: [M, C]
  const order = input.shape.map((_, i) => i).filter((i) => i !== classDim);
  const rows = reshape(permute(input, [...order, classDim]), [m, C]);
  const safe = new Tensor(
    Float32Array.from(indices, (t) => Math.max(t, 0)),
    [m, 1],
    'int32',
  );
  const picked = reshape(gather(rows, 1, safe), [m]);
  // weight of each position: weight[target], or 0 where ignored
  const w = Float32Array.from(indices, (t) => (t < 0 ? 0 : classWeight ? classWeight[t] : 1));
  const losses = neg(mul(picked, new Tensor(w, [m])));

  if (reduction === 'none') {
    return reshape(losses, layout.positionsShape);
  }
  if (reduction === 'sum') {
    return sum(losses);
  }
  let total = 0;
  for (const v of w) {
    total += v;
  }
  return div(sum(losses), total);
}
