export { type Json, type JsonObject } from './json.js';

// losses
export { type CrossEntropyOptions, crossEntropy } from './losses/crossEntropy.js';
export { type NllLossOptions, nllLoss } from './losses/nllLoss.js';
export {
  type BinaryCrossEntropyWithLogitsOptions,
  binaryCrossEntropyWithLogits,
} from './losses/binaryCrossEntropyWithLogits.js';
export type { Reduction } from './losses/reduction.js';

// optimizers
export {
  type OptimizerStateDict,
  type OptionValue,
  type OptionsOf,
  type ParamGroup,
  type ParamGroupInput,
  type ParamState,
  type Params,
  type StateLayout,
  Optimizer,
} from './optim/optimizer.js';
export { AdamW, type AdamWOptions } from './optim/adamw.js';
export { SGD, type SGDOptions } from './optim/sgd.js';
export { weightDecayGroups } from './optim/paramGroups.js';
export { type ClipGradNormOptions, clipGradNorm } from './optim/clipGradNorm.js';

// learning-rate schedules
export {
  constantLr,
  cosineLr,
  linearLr,
  type LrSchedule,
  type WarmupDecayOptions,
} from './schedule/schedules.js';
export { type HasLrGroups, LrScheduler, setLr } from './schedule/scheduler.js';

// data
export type { Loader, Split } from './data/loader.js';
export {
  type LanguageModelBatch,
  LanguageModelLoader,
  type LanguageModelLoaderOptions,
} from './data/languageModelLoader.js';
export {
  type ClassificationBatch,
  ClassificationLoader,
  type ClassificationLoaderOptions,
  type Example,
} from './data/classificationLoader.js';

// safetensors
export { encodeSafetensors } from './safetensors/encode.js';
export { type DecodeSafetensorsOptions, decodeSafetensors, type Safetensors } from './safetensors/decode.js';

// checkpoints
export {
  type CaptureOptions,
  type Checkpoint,
  captureCheckpoint,
  type StatefulOptimizer,
  type TrainerState,
} from './checkpoint/checkpoint.js';
export {
  CHECKPOINT_VERSION,
  type CheckpointFiles,
  decodeCheckpoint,
  encodeCheckpoint,
  MODEL_FILE,
  OPTIMIZER_FILE,
  SIDECAR,
} from './checkpoint/files.js';
export { type RestoreTargets, restoreCheckpoint } from './checkpoint/restore.js';
export { CheckpointError } from './checkpoint/errors.js';
export { crc32 } from './checkpoint/crc32.js';

// training loop
export {
  type EvalEvent,
  type StepEvent,
  type StopReason,
  type TrainableOptimizer,
  type TrainOptions,
  type TrainResult,
  train,
} from './train/train.js';
export { estimateLoss } from './train/evaluate.js';
export { NonFiniteLossError } from './train/errors.js';
export { type MetricsRecord, parseJsonLines, toJsonLine } from './train/metrics.js';
