/**
 * The training loop. Each step: set the learning rate from the schedule, take an optimizer
 * step (micro-batches, clipping, update: see step.ts), then, as due, evaluate, log, call back
 * and checkpoint. The model and its loss are the caller's (`lossFn(batch)`), so the same loop
 * trains language models and classifiers.
 *
 * Steps count from 1: step k is the k-th update, a checkpoint taken after it has step k, and
 * a run resumed from it continues with step k + 1.
 */
import { captureCheckpoint, type TrainerState } from '../checkpoint/checkpoint.js';
import { restoreCheckpoint } from '../checkpoint/restore.js';
import { setLr } from '../schedule/scheduler.js';
import { recordValLoss } from './earlyStopping.js';
import { NonFiniteLossError } from './errors.js';
import { estimateLoss } from './evaluate.js';
import type { MetricsRecord } from './metrics.js';
import { resolveOptions, type TrainOptions } from './options.js';
import { optimizerStep } from './step.js';

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
  const o = resolveOptions(options);
  const { model, optimizer, loader, lossFn, maxSteps } = o;

  let step = 0;
  let state: TrainerState = {
    bestValLoss: null,
    evalsWithoutImprovement: 0,
    elapsedMs: 0,
    tokensSeen: 0,
  };
  if (o.resumeFrom) {
    restoreCheckpoint(o.resumeFrom, { model, optimizer, loader });
    step = o.resumeFrom.step;
    if (o.resumeFrom.trainer) {
      state = { ...o.resumeFrom.trainer };
    }
  }
  let lastCheckpointStep = o.resumeFrom ? o.resumeFrom.step : null;
  let lastLoss: number | null = null;
  let lastValLoss: number | null = null;
  const history: MetricsRecord[] = [];
  const clockStart = performance.now() - state.elapsedMs;
  const stopped: { reason: StopReason; message: string }[] = [];
  const stopper = (reason: StopReason) => (message?: string) => {
    stopped.push({ reason, message: message ?? `stopped by a callback after step ${step}` });
  };

  model.train();
  optimizer.zeroGrad();
  while (step < maxSteps && stopped.length === 0) {
    const k = step + 1;
    const started = performance.now();
    if (o.schedule) {
      setLr(optimizer, o.schedule(step));
    }
    const lr = optimizer.paramGroups[0].lr;
    const { loss, tokens, gradNorm } = optimizerStep(o, k, lastCheckpointStep);
    const stepMs = performance.now() - started;
    step = k;
    lastLoss = loss;
    state.tokensSeen += tokens;

    let valLoss: number | undefined;
    if (o.evalInterval > 0 && (k % o.evalInterval === 0 || k === maxSteps)) {
      valLoss = estimateLoss(model, lossFn, () => loader.getBatch('val'), o.evalIters);
      if (!Number.isFinite(valLoss)) {
        throw new NonFiniteLossError(k, 'the validation loss', valLoss, lastCheckpointStep);
      }
      lastValLoss = valLoss;
      if (recordValLoss(state, valLoss, o.earlyStopping)) {
        stopper('earlyStopping')(
          `early stopping at step ${k}: the val loss has not improved on ${state.bestValLoss} for ${state.evalsWithoutImprovement} evaluations`,
        );
      }
      await o.onEval?.({
        step: k,
        valLoss,
        bestValLoss: state.bestValLoss!,
        stop: stopper('callback'),
      });
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

    const interval = o.checkpointInterval;
    if (interval > 0 && (k % interval === 0 || k === maxSteps || stopped.length > 0)) {
      const trainer = { ...state };
      await o.onCheckpoint!(
        captureCheckpoint({
          step: k,
          model,
          optimizer,
          loader,
          trainer,
          config: o.config,
          tokenizer: o.tokenizer,
        }),
      );
      lastCheckpointStep = k;
    }
  }

  const stop = stopped[0];
  return {
    step,
    stopReason: stop?.reason ?? 'maxSteps',
    message: stop?.message ?? `reached maxSteps (${maxSteps})`,
    lastLoss,
    lastValLoss,
    bestValLoss: state.bestValLoss,
    lastCheckpointStep,
    history,
  };
}
