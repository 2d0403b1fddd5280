/**
 * Gradient clipping by total norm, as torch.nn.utils.clip_grad_norm_: the norm of all
 * gradients taken together (as if concatenated into one vector); when it exceeds maxNorm,
 * every gradient is scaled in place by maxNorm / (norm + 1e-6).
 */
import { Tensor } from '@xf/tensor';

export interface ClipGradNormOptions {
  /** p of the p-norm (default 2); Infinity (or 'inf') for the largest absolute value. */
  normType?: number | 'inf';
  /** Throw when the total norm is NaN or infinite, instead of scaling by it (default false). */
  errorIfNonfinite?: boolean;
}

/** Returns the total norm before clipping, as a 0-d tensor. Parameters without a gradient are skipped. */
export function clipGradNorm(
  parameters: Tensor | Iterable<Tensor>,
  maxNorm: number,
  options: ClipGradNormOptions = {},
): Tensor {
  const normType = options.normType === 'inf' ? Number.POSITIVE_INFINITY : (options.normType ?? 2);
  if (!(normType > 0)) {
    throw new Error(`clipGradNorm: normType must be positive or 'inf', got ${normType}`);
  }
  if (!(maxNorm >= 0)) {
    throw new Error(`clipGradNorm: maxNorm must be a non-negative number, got ${maxNorm}`);
  }
  const params = parameters instanceof Tensor ? [parameters] : [...parameters];
  const grads = params.map((p) => p.grad).filter((g): g is Tensor => g !== null);
  let total = 0;
  for (const g of grads) {
    for (const v of g.data) {
      const a = Math.abs(v);
      if (normType === Number.POSITIVE_INFINITY) {
        total = Math.max(total, a);
      } else {
        total += a ** normType;
      }
    }
  }
  if (normType !== Number.POSITIVE_INFINITY) {
    total = total ** (1 / normType);
  }
  const totalNorm = Math.fround(total);
  if (!Number.isFinite(totalNorm) && options.errorIfNonfinite) {
    throw new Error(
      `clipGradNorm: the total norm of order ${normType} of the gradients is ${totalNorm}, so they cannot be clipped`,
    );
  }
  const coef = Math.fround(maxNorm / Math.fround(totalNorm + 1e-6));
  if (coef < 1 || Number.isNaN(coef)) {
    for (const g of grads) {
      for (let i = 0; i < g.data.length; i++) {
        g.data[i] = Math.fround(g.data[i] * coef);
      }
    }
  }
  return new Tensor(new Float32Array([totalNorm]), []);
}
