/**
 * Layer normalisation (Ba, Kiros & Hinton, 2016): each vector is shifted to mean 0 and
 * scaled to variance 1 over its last dims, then given a learned scale (weight) and shift
 * (bias). It keeps activations in a steady range however deep the network is.
 */
import { nn, type Tensor } from '@xf/tensor';
import { filledParameter } from './filled-parameter.js';
import { fusedNorm } from './fused-norm.js';
import { checkAffine, checkEps, checkNormInput, toNormalizedShape } from './normalized-shape.js';

/**
 * y = (x - E[x]) / √(Var[x] + eps) · weight + bias over the trailing `normalizedShape`
 * dims, with the biased variance, as torch.nn.functional.layer_norm.
 */
export function layerNorm(
  x: Tensor,
  normalizedShape: number | readonly number[],
  weight?: Tensor | null,
  bias?: Tensor | null,
  eps = 1e-5,
): Tensor {
  const op = 'layerNorm';
  const shape = toNormalizedShape(op, normalizedShape);
  const n = checkNormInput(op, x, shape);
  const w = checkAffine(op, 'weight', weight, shape);
  const b = checkAffine(op, 'bias', bias, shape);
  return fusedNorm(op, x, n, w, b, checkEps(op, eps), true);
}

export interface LayerNormOptions {
  /** Added to the variance (default 1e-5). */
  eps?: number;
  /** Learn weight (init 1) and bias (init 0); default true. */
  elementwiseAffine?: boolean;
  /** Learn the bias too (default true); false keeps only weight, as nanoGPT's bias=False. */
  bias?: boolean;
}

/**
 * As torch.nn.LayerNorm. State dict: `weight` and `bias`, both of shape normalizedShape
 * (none without elementwiseAffine, no `bias` with bias: false). Input [..., *normalizedShape].
 */
export class LayerNorm extends nn.Module {
  readonly normalizedShape: readonly number[];
  readonly eps: number;
  readonly elementwiseAffine: boolean;
  weight: nn.Parameter | null;
  bias: nn.Parameter | null;

  constructor(normalizedShape: number | readonly number[], options: LayerNormOptions = {}) {
    super();
    this.normalizedShape = Object.freeze(toNormalizedShape('LayerNorm', normalizedShape));
    this.eps = checkEps('LayerNorm', options.eps ?? 1e-5);
    this.elementwiseAffine = options.elementwiseAffine ?? true;
    const hasBias = this.elementwiseAffine && (options.bias ?? true);
    this.weight = this.elementwiseAffine ? filledParameter(this.normalizedShape, 1) : null;
    this.bias = hasBias ? filledParameter(this.normalizedShape, 0) : null;
  }

  override forward(x: Tensor): Tensor {
    const op = 'LayerNorm';
    const n = checkNormInput(op, x, this.normalizedShape);
    return fusedNorm(op, x, n, this.weight, this.bias, this.eps, true);
  }
}
