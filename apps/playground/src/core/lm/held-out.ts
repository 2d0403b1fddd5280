/**
 * The loss on the whole held-out text, each character predicted once: the text is cut into
 * consecutive windows of `block` characters (as random windows are, each starts without
 * context), run in batches without gradients, and the per-character losses averaged.
 */
import type { GPT } from '@xf/decoder';
import { noGrad, Tensor } from '@xf/tensor';

export function heldOutLoss(
  model: GPT,
  tokens: ArrayLike<number>,
  block: number,
  batch: number,
): number {
  const windows = Math.floor((tokens.length - 1) / block);
  if (windows === 0)
    throw new Error(`heldOutLoss: the held-out text is shorter than block + 1 (${block + 1})`);
  const wasTraining = model.training;
  model.eval();
  let total = 0;
  try {
    noGrad(() => {
      for (let first = 0; first < windows; first += batch) {
        const B = Math.min(batch, windows - first);
        const x = new Float32Array(B * block);
        const y = new Float32Array(B * block);
        for (let b = 0; b < B; b++) {
          const start = (first + b) * block;
          for (let t = 0; t < block; t++) {
            x[b * block + t] = tokens[start + t];
            y[b * block + t] = tokens[start + t + 1];
          }
        }
        const { loss } = model.forward(
          new Tensor(x, [B, block], 'int32'),
          new Tensor(y, [B, block], 'int32'),
        );
        total += loss!.item() * B;
      }
    });
  } finally {
    model.train(wasTraining);
  }
  return total / windows;
}
