/**
 * Cross-entropy between logits and targets, as torch.nn.functional.cross_entropy: log-softmax
 * over the class dim, then the negative log-likelihood of the target class, averaged over the
 * positions that are not ignored. Fused into one op whose backward is softmax - target
 * (see kernels/crossEntropy.ts), so no [N, C] log-probability tensor is kept for autograd.
 */
import { recordOp } from '../../autograd.js';
import { crossEntropyBackward, crossEntropyForward } from '../../kernels/js/crossEntropy.js';
import { Tensor } from '../../tensor.js';
import { classIndices, classLayout, classWeights } from './layout.js';
import { checkReduction, type Reduction } from './reduction.js';

export interface CrossEntropyOptions {
  /** Per-class rescaling weight, shape [C]. */
  weight?: Tensor | null;
  /** Targets equal to this contribute nothing and are left out of the mean (default -100). */
  ignoreIndex?: number;
  /** 'mean' (default) over kept positions (weighted by `weight`), 'sum', or 'none' (one per position). */
  reduction?: Reduction;
  /** Mixes the target with the uniform distribution: (1 - ε) target + ε / C (default 0). */
  labelSmoothing?: number;
}

/**
 * `input` holds logits (any real numbers); `target` holds class indices (int32 or integral
 * float32), or class probabilities with the input's own shape. See losses/layout.ts for the
 * accepted shapes. With reduction 'mean' and every target ignored the result is NaN (0/0),
 * as in PyTorch. No gradient flows to the target.
 */
export function crossEntropy(
  input: Tensor,
  target: Tensor,
  options: CrossEntropyOptions = {},
): Tensor {
  const op = 'crossEntropy';
  if (!(input instanceof Tensor)) {
    throw new TypeError(`${op}: input must be a Tensor`);
  }
  if (!(target instanceof Tensor)) {
    throw new TypeError(`${op}: target must be a Tensor`);
  }
  const { ignoreIndex = -100, labelSmoothing = 0 } = options;
  const reduction = checkReduction(op, options.reduction ?? 'mean');
  if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
    throw new Error(`${op}: labelSmoothing must be in [0, 1], got ${labelSmoothing}`);
  }
  if (input.dtype !== 'float32') {
    throw new Error(`${op}: input must be float32 logits, got ${input.dtype}`);
  }
  const layout = classLayout(op, input, target);
  const problem = {
    logits: input.data,
    outer: layout.outer,
    classes: layout.classes,
    inner: layout.inner,
    indices: layout.probabilities ? null : classIndices(op, target, layout.classes, ignoreIndex),
    probabilities: layout.probabilities ? target.data : null,
    weight: classWeights(op, options.weight, layout.classes),
    labelSmoothing,
  };
  const { losses, lse, denominator } = crossEntropyForward(problem);

  let out: Tensor;
  if (reduction === 'none') {
    out = new Tensor(Float32Array.from(losses), layout.positionsShape);
  } else {
    let total = 0;
    for (const l of losses) {
      total += l;
    }
    out = new Tensor(new Float32Array([reduction === 'sum' ? total : total / denominator]), []);
  }
  return recordOp(op, out, [input], (g) => {
    const upstream = new Float64Array(losses.length);
    if (reduction === 'none') {
      upstream.set(g.data);
    } else {
      upstream.fill(reduction === 'sum' ? g.data[0] : g.data[0] / denominator);
    }
    return [new Tensor(crossEntropyBackward(problem, lse, upstream), input.shape)];
  });
}
