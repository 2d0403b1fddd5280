/** The training loop's options, their defaults, and the checks that refuse inconsistent ones. */
import { type nn, Tensor } from '@xf/tensor';
import type { Checkpoint, StatefulOptimizer } from '../checkpoint/checkpoint.js';
import type { Loader } from '../data/loader.js';
import type { Json } from '../json.js';
import type { HasLrGroups } from '../schedule/scheduler.js';
import type { LrSchedule } from '../schedule/schedules.js';
import type { EarlyStopping } from './earlyStopping.js';
import type { MetricsRecord } from './metrics.js';

/** What the loop needs from an optimizer; AdamW and SGD fit. */
export interface TrainableOptimizer extends StatefulOptimizer, HasLrGroups {
  step(): unknown;
  zeroGrad(): void;
}

export type Callback<E> = (event: E) => void | Promise<void>;

export interface StepEvent extends MetricsRecord {
  /** Ends training after this step (a checkpoint is still written if checkpointing is on). */
  stop(reason?: string): void;
}

export interface EvalEvent {
  step: number;
  valLoss: number;
  bestValLoss: number;
  stop(reason?: string): void;
}

export interface TrainOptions<B> {
  model: nn.Module;
  optimizer: TrainableOptimizer;
  loader: Loader<B>;
  /** Computes the (scalar) loss of one batch with the model. */
  lossFn: (batch: B) => Tensor;
  /** Train until this many optimizer steps are complete. */
  maxSteps: number;
  /** Learning rate per step (see schedules); without one, the optimizer's lr is left alone. */
  schedule?: LrSchedule;
  /** Micro-batches per optimizer step (default 1). */
  gradientAccumulationSteps?: number;
  /** Clip the total gradient norm to this (default 0: no clipping). */
  gradClip?: number;
  /** Evaluate every N steps and after the last (default 0: never). */
  evalInterval?: number;
  /** Validation batches per evaluation (default 20). */
  evalIters?: number;
  /** Emit a metrics record every N steps (default 1); evaluated steps and the last always get one. */
  logInterval?: number;
  /** Stop when the val loss has not improved by minDelta for `patience` evaluations in a row. */
  earlyStopping?: EarlyStopping;
  /** Checkpoint every N steps, at the end and on a stop (default 0: never); needs onCheckpoint. */
  checkpointInterval?: number;
  /** Receives each checkpoint to store (e.g. saveCheckpoint from @xf/trainer/node). */
  onCheckpoint?: Callback<Checkpoint>;
  /** Stored in every checkpoint as given: the model's config and the tokenizer. */
  config?: Json;
  tokenizer?: Json;
  /** Continue from this checkpoint: model, optimizer, loader, generator, step and trainer state. */
  resumeFrom?: Checkpoint | null;
  /** Tokens in a batch, for tokensPerSec (default: numel of batch.x, else the sum of batch.lengths). */
  tokensPerBatch?: (batch: B) => number;
  onStep?: Callback<StepEvent>;
  onEval?: Callback<EvalEvent>;
  onLog?: Callback<MetricsRecord>;
}

export type ResolvedOptions<B> = TrainOptions<B> &
  Required<
    Pick<
      TrainOptions<B>,
      | 'gradientAccumulationSteps'
      | 'gradClip'
      | 'evalInterval'
      | 'evalIters'
      | 'logInterval'
      | 'checkpointInterval'
      | 'tokensPerBatch'
    >
  >;

export function resolveOptions<B>(options: TrainOptions<B>): ResolvedOptions<B> {
  const o: ResolvedOptions<B> = {
    gradientAccumulationSteps: 1,
    gradClip: 0,
    evalInterval: 0,
    evalIters: 20,
    logInterval: 1,
    checkpointInterval: 0,
    tokensPerBatch: defaultTokenCount,
    ...options,
  };
  for (const key of ['model', 'optimizer', 'loader', 'lossFn'] as const) {
    if (!o[key]) {
      throw new Error(`train: the ${key} option is required`);
    }
  }
  const integer = (name: keyof TrainOptions<B>, min: number) => {
    const v = o[name];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
      throw new Error(`train: ${String(name)} must be an integer >= ${min}, got ${String(v)}`);
    }
  };
  integer('maxSteps', 0);
  integer('gradientAccumulationSteps', 1);
  integer('evalInterval', 0);
  integer('evalIters', 1);
  integer('logInterval', 1);
  integer('checkpointInterval', 0);
  if (!(o.gradClip >= 0)) {
    throw new Error(`train: gradClip must be >= 0, got ${o.gradClip}`);
  }
  if (o.checkpointInterval > 0 && !o.onCheckpoint) {
    throw new Error(
      'train: checkpointInterval is set but there is no onCheckpoint to receive the checkpoints',
    );
  }
  if (o.earlyStopping) {
    const { patience, minDelta = 0 } = o.earlyStopping;
    if (!Number.isInteger(patience) || patience < 1) {
      throw new Error(`train: earlyStopping.patience must be an integer >= 1, got ${patience}`);
    }
    if (!(minDelta >= 0)) {
      throw new Error(`train: earlyStopping.minDelta must be >= 0, got ${minDelta}`);
    }
    if (o.evalInterval === 0) {
      throw new Error('train: earlyStopping needs evaluations: set evalInterval');
    }
  }
  return o;
}

/** numel of batch.x (language models), else the sum of batch.lengths (padded sequences), else 0. */
function defaultTokenCount(batch: unknown): number {
  const b = batch as { x?: unknown; lengths?: unknown };
  if (b?.x instanceof Tensor) {
    return b.x.numel();
  }
  if (b?.lengths instanceof Tensor) {
    return b.lengths.data.reduce((a, n) => a + n, 0);
  }
  return 0;
}
