/**
 * decoder · 2 · a GPT block
 *
 * nanoGPT's Block, pre-norm, with its parameter names (C = nEmbd, H = nHead):
 *
 *   x = x + attn(ln_1(x))         causal multi-head self-attention
 *   x = x + mlp(ln_2(x))          mlp(h) = c_proj(gelu(c_fc(h))), exact GELU, width 4C
 *
 *   attn(h): [q | k | v] = h c_attnᵀ + b     c_attn.weight [3C, C]
 *            split heads, causal attention, merge heads, then c_proj  [C, C]
 *
 *   x  [B, T, C]    p  parameters by their state-dict names    →  [B, T, C]
 *
 * LayerNorms use eps 1e-5. Reuse what you wrote: attention/5, norm-residual/1, ffn/1.
 */
import type { Tensor } from '@xf/tensor';

export interface BlockParams {
  'ln_1.weight': Tensor;
  'ln_1.bias': Tensor;
  'attn.c_attn.weight': Tensor; // [3C, C]
  'attn.c_attn.bias': Tensor; // [3C]
  'attn.c_proj.weight': Tensor; // [C, C]
  'attn.c_proj.bias': Tensor;
  'ln_2.weight': Tensor;
  'ln_2.bias': Tensor;
  'mlp.c_fc.weight': Tensor; // [4C, C]
  'mlp.c_fc.bias': Tensor;
  'mlp.c_proj.weight': Tensor; // [C, 4C]
  'mlp.c_proj.bias': Tensor;
}

export function gptBlock(x: Tensor, p: BlockParams, nHead: number): Tensor {
  throw new Error('TODO: x + attn(ln_1(x)), then x + mlp(ln_2(x))');
}
