/**
 * decoder · 3 · sampling with temperature and top-k
 *
 * Turning the model's logits for the next token into a token:
 *
 *   nextTokenProbs(logits, temperature, topK)
 *     divide the logits by the temperature (< 1 sharpens, > 1 flattens), keep only the topK
 *     largest of each row (the rest become −∞; ties with the k-th largest are kept), softmax.
 *     logits [B, V] → probabilities [B, V]
 *
 *   sampleNext(logits, temperature, topK, gen)
 *     temperature 0: the largest logit of each row (the first one on a tie), no randomness.
 *     otherwise: the probabilities above, then for each row draw u = gen.uniform() · Σp and
 *     return the first token whose running sum of p exceeds u (skip tokens with p = 0).
 *     → one token id per row, as a number[]
 *
 * The check draws with the same seeded generator as @xf/decoder's sampleNext, so your picks must
 * use one gen.uniform() per row, in row order.
 */
import type { Generator, Tensor } from '@xf/tensor';

export function nextTokenProbs(logits: Tensor, temperature: number, topK: number): Tensor {
  throw new Error('TODO: softmax of the top-k of logits / temperature');
}

export function sampleNext(
  logits: Tensor,
  temperature: number,
  topK: number,
  gen: Generator,
): number[] {
  throw new Error('TODO: greedy at temperature 0, else one draw per row');
}
