/**
 * trainer · 1 · cross-entropy
 *
 * The loss of a classifier (and of a language model, one class per vocabulary entry):
 * the negative log-probability the model gave the right class, averaged over examples.
 *
 *   loss_n = −log softmax(logits[n])[target[n]] = logsumexp(logits[n]) − logits[n, target[n]]
 *   loss   = mean of loss_n over the examples whose target is not ignoreIndex
 *
 *   logits  [N, C]   any real numbers      targets  [N] int32 class indices
 *   ignoreIndex      a target equal to it (e.g. padding) counts for nothing
 *   →  a number (or a 0-d Tensor)
 *
 * Logits can be large (a confident model): exp(1000) overflows, logsumexp does not.
 * Useful from '@xf/tensor': logsumexp(x, -1), logSoftmax, gather, or loops over .data.
 */
import type { Tensor } from '@xf/tensor';

export function crossEntropy(
  logits: Tensor,
  targets: Tensor,
  ignoreIndex: number,
): number | Tensor {
  throw new Error('TODO: mean over kept rows of logsumexp(row) − row[target]');
}
