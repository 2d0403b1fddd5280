/**
 * Early stopping on the validation loss: an evaluation improves when it beats the best so far
 * by more than minDelta; after `patience` evaluations in a row without improvement, stop.
 * The counters live in the trainer state, so they survive a resume.
 */
import type { TrainerState } from '../checkpoint/checkpoint.js';

export interface EarlyStopping {
  /** Evaluations without improvement before stopping. */
  patience: number;
  /** How much lower than the best a val loss must be to count (default 0). */
  minDelta?: number;
}

/** Records a val loss in the state; returns true when training should stop. */
export function recordValLoss(state: TrainerState, valLoss: number, rule?: EarlyStopping): boolean {
  const minDelta = rule?.minDelta ?? 0;
  if (state.bestValLoss === null || valLoss < state.bestValLoss - minDelta) {
    state.bestValLoss = valLoss;
    state.evalsWithoutImprovement = 0;
  } else {
    state.evalsWithoutImprovement += 1;
  }
  return rule !== undefined && state.evalsWithoutImprovement >= rule.patience;
}
