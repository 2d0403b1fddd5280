/**
 * The training loop. Each step: set the learning rate from the schedule, run
 * gradientAccumulationSteps micro-batches (each loss scaled by 1/N before backward, so the
 * gradients add up to the mean's), clip the total gradient norm, update, clear the gradients.
 * Then, as due: evaluate, log, call back, checkpoint. The model and its loss are the caller's
 * (`lossFn(batch)`), so the same loop trains language models and classifiers.
 */
import { type nn, Tensor } from '@xf/tensor';
import { type Checkpoint, captureCheckpoint, type StatefulOptimizer, type TrainerState } from '../checkpoint/checkpoint.js';
import { restoreCheckpoint } from '../checkpoint/restore.js';
import type { Loader } from '../data/loader.js';
import type { Json } from '../json.js';
import { clipGradNorm } from '../optim/clipGradNorm.js';
import type { LrSchedule } from '../schedule/schedules.js';
import { type HasLrGroups, setLr } from '../schedule/scheduler.js';
import { NonFiniteLossError } from './errors.js';
import { estimateLoss } from './evaluate.js';
import type { MetricsRecord } from './metrics.js';

/** What the loop needs from an optimizer; AdamW and SGD fit. */
export interface TrainableOptimizer extends StatefulOptimizer, HasLrGroups {
  step(): unknown;
  zeroGrad(): void;
}

type Callback<E> = (event: E) => void | Promise<void>;

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
  /** Emit a metrics record every N steps (default 1); evaluated steps always get one. */
  logInterval?: number;
  /** Stop when the val loss has not improved by minDelta for `patience` evaluations in a row. */
  earlyStopping?: { patience: number; minDelta?: number };
  /** Checkpoint every N steps and at the end (default 0: never); needs onCheckpoint. */
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

export type StopReason = 'maxSteps' | 'callback' | 'earlyStopping';

export interface TrainResult {
  /** Steps completed. */
  step: number;
  stopReason: StopReason;
  /** Why it stopped, in words. */
  message: string;
  lastLoss: number | null;
  lastValLoss: number | null;
  bestValLoss: number | null;
  lastCheckpointStep: number | null;
  /** Every metrics record of this run. */
  history: MetricsRecord[];
}

export async function train<B>(options: TrainOptions<B>): Promise<TrainResult> {
  const o = withDefaults(options);
  const { model, optimizer, loader, lossFn, maxSteps } = o;
  const params = model.parameters();

  let step = 0;
  let state: TrainerState = { bestValLoss: null, evalsWithoutImprovement: 0, elapsedMs: 0, tokensSeen: 0 };
  if (o.resumeFrom) {
    restoreCheckpoint(o.resumeFrom, { model, optimizer, loader });
    step = o.resumeFrom.step;
    if (o.resumeFrom.trainer) state = { ...o.resumeFrom.trainer };
  }
  let lastCheckpointStep: number | null = o.resumeFrom ? o.resumeFrom.step : null;
  const clockStart = performance.now() - state.elapsedMs;
  const history: MetricsRecord[] = [];
  let lastLoss: number | null = null;
  let lastValLoss: number | null = null;
  let stop: { reason: StopReason; message: string } | null = null;
  const stopper = (reason: StopReason) => (message?: string) => {
    stop ??= { reason, message: message ?? `stopped by a callback after step ${step}` };
  };

  model.train();
  optimizer.zeroGrad();
  while (step < maxSteps && !stop) {
    const started = performance.now();
    if (o.schedule) setLr(optimizer, o.schedule(step));
    const lr = optimizer.paramGroups[0].lr;
    const k = step + 1; // the step being taken
    const N = o.gradientAccumulationSteps;
    let lossSum = 0;
    let tokens = 0;
    for (let micro = 0; micro < N; micro++) {
      const batch = loader.getBatch('train');
      tokens += o.tokensPerBatch(batch);
      const loss = lossFn(batch);
      if (!(loss instanceof Tensor) || loss.numel() !== 1) {
        throw new Error(`train: lossFn must return a one-element loss tensor, got ${loss instanceof Tensor ? `shape [${loss.shape.join(', ')}]` : typeof loss}`);
      }
      const value = loss.item();
      if (!Number.isFinite(value)) {
        const where = N > 1 ? `the loss of micro-batch ${micro + 1} of ${N}` : 'the loss';
        throw new NonFiniteLossError(k, where, value, lastCheckpointStep);
      }
      lossSum += value;
      (N === 1 ? loss : loss.div(N)).backward();
    }
    let gradNorm: number | undefined;
    if (o.gradClip > 0) {
      gradNorm = clipGradNorm(params, o.gradClip).item();
      if (!Number.isFinite(gradNorm)) throw new NonFiniteLossError(k, 'the gradient norm', gradNorm, lastCheckpointStep);
    }
    optimizer.step();
    optimizer.zeroGrad();
    step = k;
    const stepMs = performance.now() - started;
    const loss = lossSum / N;
    lastLoss = loss;
    state.tokensSeen += tokens;

    let valLoss: number | undefined;
    if (o.evalInterval > 0 && (k % o.evalInterval === 0 || k === maxSteps)) {
      valLoss = estimateLoss(model, lossFn, () => loader.getBatch('val'), o.evalIters);
      if (!Number.isFinite(valLoss)) throw new NonFiniteLossError(k, 'the validation loss', valLoss, lastCheckpointStep);
      lastValLoss = valLoss;
      const minDelta = o.earlyStopping?.minDelta ?? 0;
      if (state.bestValLoss === null || valLoss < state.bestValLoss - minDelta) {
        state.bestValLoss = valLoss;
        state.evalsWithoutImprovement = 0;
      } else {
        state.evalsWithoutImprovement += 1;
      }
      const patience = o.earlyStopping?.patience;
      if (patience !== undefined && state.evalsWithoutImprovement >= patience) {
        stopper('earlyStopping')(
          `early stopping at step ${k}: no improvement on the best val loss ${state.bestValLoss} for ${patience} evaluations`,
        );
      }
      await o.onEval?.({ step: k, valLoss, bestValLoss: state.bestValLoss, stop: stopper('callback') });
    }

    state.elapsedMs = performance.now() - clockStart;
    const record: MetricsRecord = {
      step: k,
      loss,
      ...(valLoss !== undefined ? { valLoss } : {}),
      lr,
      tokensPerSec: stepMs > 0 ? (tokens * 1000) / stepMs : 0,
      elapsedMs: state.elapsedMs,
      ...(gradNorm !== undefined ? { gradNorm } : {}),
    };
    if (k % o.logInterval === 0 || valLoss !== undefined || k === maxSteps) {
      history.push(record);
      await o.onLog?.(record);
    }
    await o.onStep?.({ ...record, stop: stopper('callback') });

    const due = o.checkpointInterval > 0 && (k % o.checkpointInterval === 0 || k === maxSteps || stop !== null);
    if (due) {
      await o.onCheckpoint!(
        captureCheckpoint({ step: k, model, optimizer, loader, trainer: { ...state }, config: o.config, tokenizer: o.tokenizer }),
      );
      lastCheckpointStep = k;
    }
  }

  const final = stop as { reason: StopReason; message: string } | null;
  return {
    step,
    stopReason: final?.reason ?? 'maxSteps',
    message: final?.message ?? `reached maxSteps (${maxSteps})`,
    lastLoss,
    lastValLoss,
    bestValLoss: state.bestValLoss,
    lastCheckpointStep,
    history,
  };
}

type Resolved<B> = TrainOptions<B> &
  Required<
    Pick<
      TrainOptions<B>,
      'gradientAccumulationSteps' | 'gradClip' | 'evalInterval' | 'evalIters' | 'logInterval' | 'checkpointInterval' | 'tokensPerBatch'
    >
  >;

function withDefaults<B>(options: TrainOptions<B>): Resolved<B> {
  const o = {
    gradientAccumulationSteps: 1,
    gradClip: 0,
    evalInterval: 0,
    evalIters: 20,
    logInterval: 1,
    checkpointInterval: 0,
    tokensPerBatch: defaultTokenCount,
    ...options,
  } as Resolved<B>;
  const integer = (name: keyof TrainOptions<B>, min: number) => {
    const v = o[name];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
      throw new Error(`train: ${String(name)} must be an integer >= ${min}, got ${String(v)}`);
    }
  };
  for (const key of ['model', 'optimizer', 'loader', 'lossFn'] as const) {
    if (!o[key]) throw new Error(`train: the ${key} option is required`);
  }
  integer('maxSteps', 0);
  integer('gradientAccumulationSteps', 1);
  integer('evalInterval', 0);
  integer('evalIters', 1);
  integer('logInterval', 1);
  integer('checkpointInterval', 0);
  if (!(o.gradClip >= 0)) throw new Error(`train: gradClip must be >= 0, got ${o.gradClip}`);
  if (o.checkpointInterval > 0 && !o.onCheckpoint) {
    throw new Error('train: checkpointInterval is set but there is no onCheckpoint to receive the checkpoints');
  }
  if (o.earlyStopping) {
    const { patience, minDelta = 0 } = o.earlyStopping;
    if (!Number.isInteger(patience) || patience < 1) throw new Error(`train: earlyStopping.patience must be an integer >= 1, got ${patience}`);
    if (!(minDelta >= 0)) throw new Error(`train: earlyStopping.minDelta must be >= 0, got ${minDelta}`);
    if (o.evalInterval === 0) throw new Error('train: earlyStopping needs evaluations: set evalInterval');
  }
  return o;
}

/** numel of batch.x (language models), else the sum of batch.lengths (padded sequences), else 0. */
function defaultTokenCount(batch: unknown): number {
  const b = batch as { x?: unknown; lengths?: unknown };
  if (b?.x instanceof Tensor) return b.x.numel();
  if (b?.lengths instanceof Tensor) return b.lengths.data.reduce((a, n) => a + n, 0);
  return 0;
}
