/**
 * attention · 4 · splitting into heads and merging back
 *
 * Multi-head attention runs H attentions side by side, each on its own D-wide slice of every
 * token's vector (D = width / H). Write the two reshapes around it:
 *
 *   splitHeads(x, h)   [B, L, H·D]  →  [B, H, L, D]   head i sees channels i·D .. i·D + D - 1
 *   mergeHeads(x)      [B, H, L, D] →  [B, L, H·D]    the exact inverse
 *
 * Careful: reshaping [B, L, H·D] straight to [B, H, L, D] gives the right shape and the wrong
 * numbers. Cut the last dim into [H, D] first, then move H in front of L.
 *
 * Useful from '@xf/tensor': reshape(x, shape), transpose(x, d0, d1).
 */
import type { Tensor } from '@xf/tensor';

export function splitHeads(x: Tensor, h: number): Tensor {
  throw new Error('TODO: [B, L, H·D] → [B, L, H, D] → [B, H, L, D]');
}

export function mergeHeads(x: Tensor): Tensor {
  throw new Error('TODO: [B, H, L, D] → [B, L, H, D] → [B, L, H·D]');
}
