/**
 * positional · 3 · rotating queries and keys
 *
 * Apply RoPE to x [..., seq, headDim] for positions offset … offset + seq − 1. With the
 * "halves" pairing (GPT-NeoX, and LLaMA as published on the Hugging Face hub), channel i is
 * paired with channel i + headDim/2. For each position and each pair, with the tables of
 * exercise 2 (c = cos[t, i], s = sin[t, i]):
 *
 *   a = x[..., t, i],   b = x[..., t, i + headDim/2]
 *   x'[..., t, i]             = a·c − b·s
 *   x'[..., t, i + headDim/2] = a·s + b·c
 *
 *   →  same shape as x
 *
 * Useful: `rotaryTables` from '@xf/positional' (or your own from './02-rope-angles.js'), then
 * narrow / cat / mul / add / sub from '@xf/tensor', or plain loops over x.data.
 */
import type { Tensor } from '@xf/tensor';

export function applyRope(x: Tensor, offset: number): Tensor {
  throw new Error('TODO: rotate each (i, i + headDim/2) pair by (offset + t) · θᵢ');
}
