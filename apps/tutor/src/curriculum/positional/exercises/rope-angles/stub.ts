/**
 * positional · 2 · the angles of RoPE
 *
 * Rotary embeddings turn channel pair i of a head by the angle pos · θᵢ, with
 *
 *   θᵢ = 10000^(−2i / headDim),   i = 0 … headDim/2 − 1
 *
 * Return the cos and sin of those angles for the positions offset … offset + seqLen − 1:
 *
 *   → { cos [seqLen, headDim / 2], sin [seqLen, headDim / 2] }   row t is position offset + t
 *
 * (offset is how many tokens came before: with a KV cache, new tokens do not start at 0.)
 * Compute in JavaScript numbers, store in Float32Arrays, wrap with `new Tensor(values, shape)`.
 */
import type { Tensor } from '@xf/tensor';

export function rotaryTables(
  seqLen: number,
  headDim: number,
  offset: number,
): { cos: Tensor; sin: Tensor } {
  throw new Error('TODO: cos and sin of (offset + t) · 10000^(−2i / headDim)');
}
