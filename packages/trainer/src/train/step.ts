/**
 * One optimizer step: N micro-batches whose losses are scaled by 1/N before backward (so
 * the accumulated gradient is that of their mean), optional clipping, the update, and
 * clearing the gradients. A non-finite loss or gradient norm throws before the update.
 */
import { type nn, Tensor } from '@xf/tensor';
import type { Loader } from '../data/loader.js';
import { clipGradNorm } from '../optim/clipGradNorm.js';
import { NonFiniteLossError } from './errors.js';

export interface StepSettings<B> {
  model: nn.Module;
  optimizer: { step(): unknown; zeroGrad(): void };
  loader: Loader<B>;
  lossFn: (batch: B) => Tensor;
  gradientAccumulationSteps: number;
  gradClip: number;
  tokensPerBatch: (batch: B) => number;
}

export interface StepOutcome {
  /** Mean of the micro-batch losses. */
  loss: number;
  tokens: number;
  gradNorm?: number;
}

/** Takes step number `k`; `lastCheckpointStep` only goes into the error message. */
export function optimizerStep<B>(
  s: StepSettings<B>,
  k: number,
  lastCheckpointStep: number | null,
): StepOutcome {
  const N = s.gradientAccumulationSteps;
  let lossSum = 0;
  let tokens = 0;
  for (let micro = 0; micro < N; micro++) {
    const batch = s.loader.getBatch('train');
    tokens += s.tokensPerBatch(batch);
    const loss = s.lossFn(batch);
    if (!(loss instanceof Tensor) || loss.numel() !== 1) {
      const got = loss instanceof Tensor ? `shape [${loss.shape.join(', ')}]` : typeof loss;
      throw new Error(`train: lossFn must return a one-element loss tensor, got ${got}`);
    }
    const value = loss.item();
    if (!Number.isFinite(value)) {
      const what = N > 1 ? `the loss of micro-batch ${micro + 1} of ${N}` : 'the loss';
      throw new NonFiniteLossError(k, what, value, lastCheckpointStep);
    }
    lossSum += value;
    (N === 1 ? loss : loss.div(N)).backward();
  }
  let gradNorm: number | undefined;
  if (s.gradClip > 0) {
    gradNorm = clipGradNorm(s.model.parameters(), s.gradClip).item();
    if (!Number.isFinite(gradNorm)) {
      throw new NonFiniteLossError(k, 'the gradient norm', gradNorm, lastCheckpointStep);
    }
  }
  s.optimizer.step();
  s.optimizer.zeroGrad();
  return { loss: lossSum / N, tokens, ...(gradNorm !== undefined ? { gradNorm } : {}) };
}
