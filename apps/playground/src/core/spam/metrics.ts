/** Accuracy, precision and recall of the spam class over held-out mail. */
import type { Example } from '@xf/trainer';
import type { SpamModel } from './model.js';

export interface Scores {
  accuracy: number;
  /** Of the mails called spam, the share that is spam. */
  precision: number;
  /** Of the spam, the share caught. */
  recall: number;
  count: number;
}

/** Spam probability of each example, batched, padded with the model's pad id. */
export function spamProbabilities(
  spam: SpamModel,
  examples: readonly Example[],
  batch = 64,
): number[] {
  const { model } = spam;
  const padId = model.config.padId ?? 0;
  const out: number[] = [];
  for (let start = 0; start < examples.length; start += batch) {
    const chunk = examples.slice(start, start + batch);
    const lengths = chunk.map((e) => Math.max(1, e.ids.length));
    const width = Math.max(...lengths);
    const rows = chunk.map((e) =>
      Array.from({ length: width }, (_, t) => (t < e.ids.length ? e.ids[t] : padId)),
    );
    const p = model.probabilities(rows, { lengths });
    for (let b = 0; b < chunk.length; b++) out.push(p.data[b * 2 + 1]);
  }
  return out;
}

export function scores(examples: readonly Example[], probabilities: readonly number[]): Scores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let correct = 0;
  examples.forEach((e, i) => {
    const predicted = probabilities[i] >= 0.5 ? 1 : 0;
    if (predicted === e.label) correct++;
    if (predicted === 1 && e.label === 1) tp++;
    if (predicted === 1 && e.label === 0) fp++;
    if (predicted === 0 && e.label === 1) fn++;
  });
  const n = examples.length;
  return {
    accuracy: n ? correct / n : 0,
    precision: tp + fp ? tp / (tp + fp) : 0,
    recall: tp + fn ? tp / (tp + fn) : 0,
    count: n,
  };
}
