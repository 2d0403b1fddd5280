/**
 * The validation loss as nanoGPT's estimate_loss: the mean over a number of batches, with the
 * model in eval mode (no dropout) and no autograd graph; the model's mode is restored after.
 */
import { type nn, noGrad, type Tensor } from '@xf/tensor';

export function estimateLoss<B>(
  model: nn.Module,
  lossFn: (batch: B) => Tensor,
  nextBatch: () => B,
  iters: number,
): number {
  if (!Number.isInteger(iters) || iters <= 0) {
    throw new Error(`estimateLoss: iters must be a positive integer, got ${iters}`);
  }
  const wasTraining = model.training;
  model.eval();
  try {
    return noGrad(() => {
      let total = 0;
      for (let k = 0; k < iters; k++) {
        total += lossFn(nextBatch()).item();
      }
      return total / iters;
    });
  } finally {
    model.train(wasTraining);
  }
}
