// checkpoints

// losses live in @xf/tensor (as torch.nn.functional); re-exported here with the rest of training
export {
  type BinaryCrossEntropyWithLogitsOptions,
  binaryCrossEntropyWithLogits,
  type CrossEntropyOptions,
  crossEntropy,
  type NllLossOptions,
  nllLoss,
  type Reduction,
} from '@xf/tensor';
export {
  type CaptureOptions,
  type Checkpoint,
  captureCheckpoint,
  type StatefulOptimizer,
  type TrainerState,
} from './checkpoint/checkpoint.js';
export { crc32 } from './checkpoint/crc32.js';
export { CheckpointError } from './checkpoint/errors.js';
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
export {
  type ClassificationBatch,
  ClassificationLoader,
  type ClassificationLoaderOptions,
  type Example,
} from './data/classificationLoader.js';
export {
  type LanguageModelBatch,
  LanguageModelLoader,
  type LanguageModelLoaderOptions,
} from './data/languageModelLoader.js';
// data
export type { Loader, Split } from './data/loader.js';
export type { Json, JsonObject } from './json.js';
export { AdamW, type AdamWOptions } from './optim/adamw.js';
export { type ClipGradNormOptions, clipGradNorm } from './optim/clipGradNorm.js';
// optimizers
export {
  type CommonOptions,
  Optimizer,
  type OptimizerStateDict,
  type OptionFailure,
  type OptionsOf,
  type OptionValue,
  type ParamGroup,
  type ParamGroupInput,
  type ParamState,
  type Params,
  type StateLayout,
} from './optim/optimizer.js';
export { weightDecayGroups } from './optim/paramGroups.js';
export { SGD, type SGDOptions } from './optim/sgd.js';
export {
  type DecodeSafetensorsOptions,
  decodeSafetensors,
  type Safetensors,
} from './safetensors/decode.js';
// safetensors
export { encodeSafetensors } from './safetensors/encode.js';
export { type HasLrGroups, LrScheduler, setLr } from './schedule/scheduler.js';
// learning-rate schedules
export {
  constantLr,
  cosineLr,
  type LrSchedule,
  linearLr,
  type WarmupDecayOptions,
} from './schedule/schedules.js';
export type { EarlyStopping } from './train/earlyStopping.js';
export { NonFiniteLossError } from './train/errors.js';
export { estimateLoss } from './train/evaluate.js';
export { type MetricsRecord, parseJsonLines, toJsonLine } from './train/metrics.js';
export type {
  Callback,
  EvalEvent,
  StepEvent,
  TrainableOptimizer,
  TrainOptions,
} from './train/options.js';
// training loop
export { type StopReason, type TrainResult, train } from './train/train.js';
