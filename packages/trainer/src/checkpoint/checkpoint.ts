/**
 * A checkpoint in memory: everything needed to continue a run exactly where it stopped.
 * The model weights and optimizer moments are copies taken at capture time, so training can
 * go on while the checkpoint is written.
 */
import { getRngState, type nn, Tensor } from '@xf/tensor';
import type { Loader } from '../data/loader.js';
import type { Json } from '../json.js';
import type { OptimizerStateDict } from '../optim/optimizer.js';

/** The training loop's own state: what early stopping and the clock need to carry on. */
export interface TrainerState {
  bestValLoss: number | null;
  evalsWithoutImprovement: number;
  elapsedMs: number;
  tokensSeen: number;
}

export interface Checkpoint {
  /** Optimizer steps completed; a resumed run continues with step + 1. */
  step: number;
  /** The model's state dict (parameter names as the model gives them). */
  model: Record<string, Tensor>;
  optimizer: OptimizerStateDict | null;
  /** The data loader's position (its generators' states), from loader.stateDict(). */
  loader: Json;
  /** The global generator's state (dropout, sampling), from getRngState(). */
  rngState: number[];
  trainer: TrainerState | null;
  /** The model's configuration, opaque to the trainer. */
  config: Json;
  /** The tokenizer, opaque to the trainer. */
  tokenizer: Json;
}

/** Anything with an optimizer's stateDict/loadStateDict. */
export interface StatefulOptimizer {
  stateDict(): OptimizerStateDict;
  loadStateDict(state: OptimizerStateDict): void;
}

export interface CaptureOptions {
  step: number;
  model: nn.Module;
  optimizer?: StatefulOptimizer | null;
  loader?: Pick<Loader<unknown>, 'stateDict'> | null;
  trainer?: TrainerState | null;
  config?: Json;
  tokenizer?: Json;
}

/** Takes a checkpoint of the current state (copies of every tensor, and the global generator's state). */
export function captureCheckpoint(options: CaptureOptions): Checkpoint {
  const { step } = options;
  if (!Number.isInteger(step) || step < 0) {
    throw new Error(`captureCheckpoint: step must be a non-negative integer, got ${step}`);
  }
  const model: Record<string, Tensor> = {};
  for (const [name, t] of Object.entries(options.model.stateDict())) {
    model[name] = new Tensor(t.data.slice(), t.shape, t.dtype);
  }
  return {
    step,
    model,
    // stateDict() already returns copies
    optimizer: options.optimizer ? options.optimizer.stateDict() : null,
    loader: options.loader ? structuredCloneJson(options.loader.stateDict()) : null,
    rngState: getRngState(),
    trainer: options.trainer ? { ...options.trainer } : null,
    config: structuredCloneJson(options.config ?? null),
    tokenizer: structuredCloneJson(options.tokenizer ?? null),
  };
}

/** A deep copy through JSON: also proves the value is plain JSON now rather than at save time. */
function structuredCloneJson(value: Json): Json {
  return JSON.parse(JSON.stringify(value)) as Json;
}
