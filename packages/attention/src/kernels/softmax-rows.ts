/**
 * The host half of the gpu forward pass: a softmax over each row of scores that the scores
 * kernel wrote (masked keys hold MASKED), then dropout. One O(rows·S) sweep, cheap next to
 * the O(rows·S·E) launches around it.
 */

import { allocateZeroed } from '@xf/tensor';
import { MASKED_THRESHOLD } from './layout.js';

export function softmaxRows(
  scores: Float32Array,
  rows: number,
  S: number,
  drop: Float32Array | null,
): { probs: Float32Array; weights: Float32Array } {
  const probs = allocateZeroed(rows * S);
  for (let r = 0; r < rows; r++) {
    const base = r * S;
    let max = Number.NEGATIVE_INFINITY;
    let kept = 0;
    for (let j = 0; j < S; j++) {
      const s = scores[base + j];
      if (s <= MASKED_THRESHOLD) continue;
      kept++; // NaN counts as kept, so it reaches the output
      if (s > max) max = s;
    }
    // every key masked: no distribution to take, the row stays all zeros
    if (kept === 0) continue;
    let sum = 0;
    for (let j = 0; j < S; j++) {
      const s = scores[base + j];
      const e = s <= MASKED_THRESHOLD ? 0 : Math.exp(s - max);
      probs[base + j] = e;
      sum += e;
    }
    const inv = 1 / sum;
    for (let j = 0; j < S; j++) probs[base + j] *= inv;
  }
  if (!drop) return { probs, weights: probs };
  const weights = allocateZeroed(probs.length);
  for (let i = 0; i < probs.length; i++) weights[i] = probs[i] * drop[i];
  return { probs, weights };
}
