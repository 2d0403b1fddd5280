/**
 * attention · 5 · multi-head self-attention
 *
 * Put the pieces together, with PyTorch's parameter layout (nn.MultiheadAttention):
 *
 *   [q | k | v] = x Wᵢₙᵀ + bᵢₙ          Wᵢₙ [3E, E]: the q, k and v projections stacked
 *   q, k, v     → split into H heads     [B, H, L, D], D = E / H
 *   o           = attention per head     causal: query i sees keys 0..i only
 *   y           = merge(o) Wₒᵤₜᵀ + bₒᵤₜ   [B, L, E]
 *
 *   x  [B, L, E]      p  the parameters below      numHeads  H      causal  boolean
 *   →  [B, L, E]
 *
 * Useful from '@xf/tensor': linear(x, w, b) (= x wᵀ + b), chunk(x, 3, -1), and from
 * '@xf/attention': causalMask(L). You may import your own splitHeads, mergeHeads and attention
 * from './04-heads.js' and './03-masked-attention.js'.
 */
import type { Tensor } from '@xf/tensor';

export interface MhaParams {
  inProjWeight: Tensor; // [3E, E]
  inProjBias: Tensor; // [3E]
  outProjWeight: Tensor; // [E, E]
  outProjBias: Tensor; // [E]
}

export function multiHeadAttention(
  x: Tensor,
  p: MhaParams,
  numHeads: number,
  causal: boolean,
): Tensor {
  throw new Error('TODO: project, split heads, attend, merge, project');
}
