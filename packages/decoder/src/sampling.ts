/**
 * Turning logits into a next token. Temperature divides the logits (below 1 sharpens the
 * distribution, above 1 flattens it); top-k keeps only the k most likely tokens; top-p
 * (nucleus) keeps the smallest set whose probability reaches p. Temperature 0 is greedy.
 */
import {
  defaultGenerator,
  formatShape,
  type Generator,
  multinomial,
  softmax,
  type Tensor,
  tensor,
} from '@xf/tensor';

/** Sets every logit below the k-th largest of its row to -∞ (ties with the k-th are kept). */
export function topKFilter(logits: Tensor, k: number): Tensor {
  const [rows, vocab] = checkLogits('topKFilter', logits);
  if (!Number.isInteger(k) || k < 1)
    throw new Error(`topKFilter: k must be a positive integer, got ${k}`);
  const out = logits.data.slice();
  if (k >= vocab) return tensor(out, logits.shape);
  for (let r = 0; r < rows; r++) {
    const row = out.subarray(r * vocab, (r + 1) * vocab);
    const kth = Float32Array.from(row).sort()[vocab - k];
    for (let j = 0; j < vocab; j++) if (row[j] < kth) row[j] = Number.NEGATIVE_INFINITY;
  }
  return tensor(out, logits.shape);
}

/**
 * Nucleus filtering: keeps, per row, the most likely tokens until their probabilities add up
 * to at least p (always at least one), and sets the rest to -∞.
 */
export function topPFilter(logits: Tensor, p: number): Tensor {
  const [rows, vocab] = checkLogits('topPFilter', logits);
  if (!(p > 0 && p <= 1)) throw new Error(`topPFilter: p must be in (0, 1], got ${p}`);
  const probs = softmax(logits, -1).data;
  const out = logits.data.slice();
  for (let r = 0; r < rows; r++) {
    const base = r * vocab;
    const order = Array.from({ length: vocab }, (_, j) => j).sort(
      (a, b) => probs[base + b] - probs[base + a] || a - b,
    );
    let total = 0;
    let kept = 0;
    for (const j of order) {
      if (kept > 0 && total >= p) out[base + j] = Number.NEGATIVE_INFINITY;
      else {
        total += probs[base + j];
        kept++;
      }
    }
  }
  return tensor(out, logits.shape);
}

export interface SampleOptions {
  /** Divides the logits; 0 picks the most likely token (greedy). Default 1. */
  temperature?: number;
  topK?: number | null;
  topP?: number | null;
  generator?: Generator;
}

/** One token per row of logits [B, vocab] (or [vocab]): int32 [B] (or a scalar). */
export function sampleNext(logits: Tensor, options: SampleOptions = {}): Tensor {
  const { temperature = 1, topK = null, topP = null, generator = defaultGenerator } = options;
  const oneRow = logits.ndim === 1;
  const rows2d = oneRow ? logits.reshape(1, -1) : logits;
  const [rows, vocab] = checkLogits('sampleNext', rows2d);
  if (!(temperature >= 0) || !Number.isFinite(temperature)) {
    throw new Error(`sampleNext: temperature must be a finite number >= 0, got ${temperature}`);
  }
  let picks: Float32Array;
  if (temperature === 0) {
    picks = new Float32Array(rows);
    for (let r = 0; r < rows; r++) {
      let best = 0;
      for (let j = 1; j < vocab; j++)
        if (rows2d.data[r * vocab + j] > rows2d.data[r * vocab + best]) best = j;
      picks[r] = best;
    }
  } else {
    let scaled = rows2d.div(temperature);
    if (topK !== null && topK !== undefined) scaled = topKFilter(scaled, topK);
    if (topP !== null && topP !== undefined) scaled = topPFilter(scaled, topP);
    picks = multinomial(softmax(scaled, -1), 1, { generator }).data;
  }
  return tensor(picks, oneRow ? [] : [rows], { dtype: 'int32' });
}

function checkLogits(op: string, logits: Tensor): [number, number] {
  if (logits.ndim !== 2)
    throw new Error(`${op}: logits must be [B, vocab], got ${formatShape(logits.shape)}`);
  return [logits.shape[0], logits.shape[1]];
}
