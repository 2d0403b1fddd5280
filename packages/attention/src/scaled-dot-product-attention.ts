/**
 * scaledDotProductAttention, as torch.nn.functional.scaled_dot_product_attention:
 * softmax(q kᵀ · scale + mask) v over the last two dims, batched over the rest.
 */
import type { Tensor } from '@xf/tensor';
import { attend } from './attend.js';
import { checkCausalAndMask, type ScaledDotProductAttentionOptions } from './options.js';

export interface ReturnWeights {
  /** Also return the attention weights [..., L, S] (the ones multiplied with v, after dropout). */
  returnWeights?: boolean;
}

/**
 * Attention of queries q [..., L, E] over keys k [..., S, E] and values v [..., S, Ev]:
 * output [..., L, Ev]; batch dims broadcast. Runs fused kernels on every backend, with
 * gradients for q, k, v (and for a float attnMask that requires grad).
 *
 * A query row whose keys are all masked gets zero weights and a zero output, and passes no
 * gradient back (PyTorch returns NaN for such a row).
 *
 * With `returnWeights: true` it returns [output, weights], weights [..., L, S].
 */
export function scaledDotProductAttention(
  q: Tensor,
  k: Tensor,
  v: Tensor,
  options?: ScaledDotProductAttentionOptions & { returnWeights?: false },
): Tensor;
export function scaledDotProductAttention(
  q: Tensor,
  k: Tensor,
  v: Tensor,
  options: ScaledDotProductAttentionOptions & { returnWeights: true },
): [Tensor, Tensor];
export function scaledDotProductAttention(
  q: Tensor,
  k: Tensor,
  v: Tensor,
  options: ScaledDotProductAttentionOptions & ReturnWeights = {},
): Tensor | [Tensor, Tensor] {
  const op = 'scaledDotProductAttention';
  checkCausalAndMask(op, options);
  const [output, weights] = attend(q, k, v, {
    op,
    mask: options.attnMask,
    causalDiagonal: options.isCausal ? 0 : null,
    scale: options.scale,
    dropoutP: options.dropoutP ?? 0,
    enableGqa: options.enableGqa ?? false,
  });
  return options.returnWeights ? [output, weights] : output;
}
