/** Random ops on existing tensors: dropout, Bernoulli draws, sampling from a distribution. */
import { recordOp } from '../autograd.js';
import { defaultGenerator, type Generator } from '../random.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { checkTensor, make } from './core.js';

/** 1 with probability p[i], else 0. */
export function bernoulli(p: Tensor, options: { generator?: Generator } = {}): Tensor {
  checkTensor(p, 'bernoulli');
  const g = options.generator ?? defaultGenerator;
  const out = new Float32Array(p.numel());
  for (let i = 0; i < out.length; i++) {
    const pi = p.data[i];
    if (!(pi >= 0 && pi <= 1))
      throw new Error(`bernoulli: probability ${pi} at index ${i} is not in [0, 1]`);
    out[i] = g.uniform() < pi ? 1 : 0;
  }
  return make(out, p.shape);
}

/**
 * Inverted dropout, as torch.nn.functional.dropout: in training, zero each element with
 * probability p and scale the survivors by 1/(1-p), so the expected value is unchanged.
 */
export function dropout(
  x: Tensor,
  p = 0.5,
  training = true,
  options: { generator?: Generator } = {},
): Tensor {
  checkTensor(x, 'dropout');
  if (!(p >= 0 && p <= 1))
    throw new Error(`dropout: probability has to be between 0 and 1, got ${p}`);
  if (!training || p === 0) return x;
  const g = options.generator ?? defaultGenerator;
  const scale = p === 1 ? 0 : 1 / (1 - p);
  const mask = new Float32Array(x.numel());
  for (let i = 0; i < mask.length; i++) mask[i] = g.uniform() < p ? 0 : scale;
  const out = new Float32Array(x.numel());
  for (let i = 0; i < out.length; i++) out[i] = x.data[i] * mask[i];
  return recordOp('dropout', make(out, x.shape), [x], (grad) => {
    const gx = new Float32Array(grad.numel());
    for (let i = 0; i < gx.length; i++) gx[i] = grad.data[i] * mask[i];
    return [make(gx, x.shape)];
  });
}

/**
 * Draws `numSamples` category indices per row of non-negative weights (1-D or 2-D), as
 * torch.multinomial. Rows need not sum to 1. Without replacement, a drawn category is removed.
 */
export function multinomial(
  probs: Tensor,
  numSamples: number,
  options: { replacement?: boolean; generator?: Generator } = {},
): Tensor {
  checkTensor(probs, 'multinomial');
  if (probs.ndim !== 1 && probs.ndim !== 2) {
    throw new Error(`multinomial: probs must be 1-D or 2-D, got shape ${formatShape(probs.shape)}`);
  }
  const g = options.generator ?? defaultGenerator;
  const replacement = options.replacement ?? false;
  const categories = probs.shape[probs.ndim - 1];
  const rows = probs.ndim === 1 ? 1 : probs.shape[0];
  if (!replacement && numSamples > categories) {
    throw new Error(
      `multinomial: cannot draw ${numSamples} samples without replacement from ${categories} categories`,
    );
  }
  const out = new Float32Array(rows * numSamples);
  for (let r = 0; r < rows; r++) {
    const w = Array.from(probs.data.subarray(r * categories, (r + 1) * categories));
    w.forEach((v, i) => {
      if (!(v >= 0) || !Number.isFinite(v)) {
        throw new Error(
          `multinomial: row ${r} has an invalid weight ${v} at category ${i} (weights must be finite and >= 0)`,
        );
      }
    });
    for (let s = 0; s < numSamples; s++) {
      const total = w.reduce((a, b) => a + b, 0);
      if (total <= 0)
        throw new Error(`multinomial: row ${r} has no positive weight left to sample from`);
      let u = g.uniform() * total;
      let pick = categories - 1;
      for (let i = 0; i < categories; i++) {
        u -= w[i];
        if (u < 0 && w[i] > 0) {
          pick = i;
          break;
        }
      }
      while (w[pick] === 0) pick--; // float rounding left u just above 0: take the last positive
      out[r * numSamples + s] = pick;
      if (!replacement) w[pick] = 0;
    }
  }
  return make(out, probs.ndim === 1 ? [numSamples] : [rows, numSamples], 'int32');
}
