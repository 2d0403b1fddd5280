/**
 * Tools for seeing what a positional scheme tells attention: how similar position m looks
 * to position n. For both sinusoidal encodings and RoPE the answer depends on n - m only.
 */
import { check, expand, formatShape, matmul, type Tensor, transpose } from '@xf/tensor';
import { applyRotaryEmb } from './rotary.js';

/**
 * S[m, n] = ⟨table[m], table[n]⟩ for a [maxLen, dModel] table: [maxLen, maxLen]. For the
 * sinusoidal table S[m, n] = Σᵢ cos((n - m) ωᵢ) (plus a sine column's term when dModel is odd),
 * a function of n - m: every diagonal is constant.
 */
export function positionSimilarity(table: Tensor): Tensor {
  check.tensor('positionSimilarity', 'table', table);
  if (table.ndim !== 2) {
    throw new Error(
      `positionSimilarity: table must be 2-D [maxLen, dModel], got shape ${formatShape(table.shape)}`,
    );
  }
  return matmul(table, transpose(table, 0, 1));
}

/**
 * S[m, n] = ⟨RoPE(q, m), RoPE(k, n)⟩: the attention score a fixed query at position m gives
 * a fixed key at position n, for q and k of shape [headDim]. It equals ⟨q, R(n - m) k⟩.
 */
export function rotarySimilarity(
  q: Tensor,
  k: Tensor,
  maxLen: number,
  options: { theta?: number; interleaved?: boolean } = {},
): Tensor {
  const op = 'rotarySimilarity';
  check.tensor(op, 'q', q);
  check.tensor(op, 'k', k);
  check.positiveInt(op, 'maxLen', maxLen);
  if (q.ndim !== 1 || k.ndim !== 1 || q.shape[0] !== k.shape[0]) {
    throw new Error(
      `${op}: q and k must be 1-D of the same size [headDim], got ${formatShape(q.shape)} and ${formatShape(k.shape)}`,
    );
  }
  const d = q.shape[0];
  const qs = applyRotaryEmb(expand(q.reshape([1, d]), [maxLen, d]), options);
  const ks = applyRotaryEmb(expand(k.reshape([1, d]), [maxLen, d]), options);
  return matmul(qs, transpose(ks, 0, 1));
}
