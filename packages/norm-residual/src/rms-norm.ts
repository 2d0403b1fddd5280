/**
 * RMS normalisation (Zhang & Sennrich, 2019; used by LLaMA): each vector is divided by its
 * root mean square over its last dims and given a learned scale. Unlike LayerNorm it does
 * not subtract the mean and has no bias: cheaper, and in practice as good.
 */
import { nn, type Tensor } from '@xf/tensor';
import { filledParameter } from './filled-parameter.js';
import { fusedNorm } from './fused-norm.js';
import { checkAffine, checkEps, checkNormInput, toNormalizedShape } from './normalized-shape.js';

/**
 * The machine epsilon of float32 (2⁻²³ = 1.1920929e-07): the eps RMSNorm uses when none is
 * given, as PyTorch uses torch.finfo(x.dtype).eps and xf computes in float32.
 */
export const FLOAT32_EPS = 2 ** -23;

/** y = x / √(mean(x²) + eps) · weight over the trailing dims, as torch.nn.functional.rms_norm. */
export function rmsNorm(
  x: Tensor,
  normalizedShape: number | readonly number[],
  weight?: Tensor | null,
  eps?: number | null,
): Tensor {
  const op = 'rmsNorm';
  const shape = toNormalizedShape(op, normalizedShape);
  const n = checkNormInput(op, x, shape);
  const w = checkAffine(op, 'weight', weight, shape);
  return fusedNorm(op, x, n, w, null, checkEps(op, eps ?? FLOAT32_EPS), false);
}

export interface RMSNormOptions {
  /** Added to mean(x²); null or absent: FLOAT32_EPS, as PyTorch's eps=None. */
  eps?: number | null;
  /** Learn weight (init 1); default true. */
  elementwiseAffine?: boolean;
}

/** As torch.nn.RMSNorm. State dict: `weight` of shape normalizedShape (none without elementwiseAffine). */
export class RMSNorm extends nn.Module {
  readonly normalizedShape: readonly number[];
  /** As given; null means FLOAT32_EPS at run time. */
  readonly eps: number | null;
  readonly elementwiseAffine: boolean;
  weight: nn.Parameter | null;

  constructor(normalizedShape: number | readonly number[], options: RMSNormOptions = {}) {
    super();
    this.normalizedShape = Object.freeze(toNormalizedShape('RMSNorm', normalizedShape));
    this.eps =
      options.eps === undefined || options.eps === null ? null : checkEps('RMSNorm', options.eps);
    this.elementwiseAffine = options.elementwiseAffine ?? true;
    this.weight = this.elementwiseAffine ? filledParameter(this.normalizedShape, 1) : null;
  }

  override forward(x: Tensor): Tensor {
    const op = 'RMSNorm';
    const n = checkNormInput(op, x, this.normalizedShape);
    return fusedNorm(op, x, n, this.weight, null, this.eps ?? FLOAT32_EPS, false);
  }
}
