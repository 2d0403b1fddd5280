/** Moving between [B, L, H·D] (one vector per token) and [B, H, L, D] (one sequence per head). */
import { reshape, type Tensor, transpose } from '@xf/tensor';

/** [B, L, H·D] → [B, H, L, D]: each head sees its own D-wide slice of every token. */
export function splitHeads(x: Tensor, heads: number): Tensor {
  const [B, L, width] = x.shape;
  return transpose(reshape(x, [B, L, heads, width / heads]), 1, 2);
}

/** [B, H, L, D] → [B, L, H·D]: the heads' outputs side by side again. */
export function mergeHeads(x: Tensor): Tensor {
  const [B, H, L, D] = x.shape;
  return reshape(transpose(x, 1, 2), [B, L, H * D]);
}
