/**
 * A task: a model, its data and how to score it, built from a preset's settings. The terminal
 * and the page drive the same tasks through @xf/trainer's train().
 */
import type { Tensor } from '@xf/tensor';
import type { AdamW, Json, Loader, LrSchedule, TrainOptions } from '@xf/trainer';
import type { Preset } from './presets.js';
import type { RunConfig } from './run-config.js';
import type { TrainSettings } from './settings.js';
import type { Trained } from './trained.js';

/** A run's final numbers, measured once training is done. */
export interface Report {
  /** e.g. { valLoss: 2.21 } or { accuracy: 0.97, precision: 0.95, recall: 0.96 }. */
  metrics: Record<string, number>;
  /** The same, in words, one line each. */
  lines: string[];
  /** Whether the preset's goal is met (see Preset.goal). */
  met: boolean;
}

export interface Task<B = unknown> {
  preset: Preset;
  settings: TrainSettings;
  config: RunConfig;
  tokenizer: Json;
  trained: Trained;
  optimizer: AdamW;
  loader: Loader<B>;
  schedule: LrSchedule;
  lossFn: (batch: B) => Tensor;
  tokensPerBatch?: (batch: B) => number;
  /** A short sample shown at each evaluation (language models). */
  evalSample?: (step: number) => string;
  /** Measures the final numbers on held-out data. */
  report: () => Report;
}

/** What train() takes from a task and its settings: the same in the terminal and on the page. */
export function trainOptionsOf<B>(task: Task<B>): TrainOptions<B> {
  const { settings } = task;
  return {
    model: task.trained.model,
    optimizer: task.optimizer,
    loader: task.loader,
    lossFn: task.lossFn,
    ...(task.tokensPerBatch ? { tokensPerBatch: task.tokensPerBatch } : {}),
    maxSteps: settings.steps,
    schedule: task.schedule,
    gradClip: settings.gradClip,
    evalInterval: settings.evalEvery,
    evalIters: settings.evalIters,
    config: task.config as never,
    tokenizer: task.tokenizer,
  };
}
