/**
 * trainer · 2 · one AdamW step
 *
 * AdamW as PyTorch has it. For an update number t (1 for the first), with gradient g:
 *
 *   p ← p · (1 − lr · weightDecay)            decoupled weight decay, before anything else
 *   m ← β1 m + (1 − β1) g                     running mean of the gradients
 *   v ← β2 v + (1 − β2) g²                    running mean of their squares
 *   m̂ = m / (1 − β1ᵗ),   v̂ = v / (1 − β2ᵗ)     bias correction: m and v start at 0
 *   p ← p − lr · m̂ / (√v̂ + eps)               eps outside the root
 *
 * Return new tensors (do not modify the inputs). The tutor calls you several times in a row,
 * feeding back your m and v with t = 1, 2, 3, …
 *
 * Useful from '@xf/tensor': mul, add, sub, div, square, sqrt.
 */
import type { Tensor } from '@xf/tensor';

export interface AdamWOptions {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
}

export function adamwStep(
  p: Tensor,
  g: Tensor,
  state: { m: Tensor; v: Tensor; t: number },
  o: AdamWOptions,
): { p: Tensor; m: Tensor; v: Tensor } {
  throw new Error('TODO: decay, moments, bias correction, update');
}
