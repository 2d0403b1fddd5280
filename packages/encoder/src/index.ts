export { type Activation, linearActivation } from './activation.js';
export {
  EncoderClassifier,
  type EncoderClassifierForwardOptions,
  type EncoderClassifierOutput,
  type EncoderOutput,
} from './classifier.js';
export {
  type BinaryHead,
  type EncoderClassifierConfig,
  encoderClassifierDefaults,
  type Pooling,
  type PositionalKind,
  type ResolvedEncoderClassifierConfig,
  resolveEncoderClassifierConfig,
} from './config.js';
export {
  type EncoderLayerLike,
  TransformerEncoder,
  type TransformerEncoderForwardOptions,
  type TransformerEncoderOptions,
} from './encoder.js';
export {
  TransformerEncoderLayer,
  type TransformerEncoderLayerForwardOptions,
  type TransformerEncoderLayerOptions,
} from './encoder-layer.js';
export { classifyEncoderParameter, encoderParameterBreakdown } from './encoder-parameters.js';
export { inEvalMode } from './eval-mode.js';
export type { Ids, PerSequence } from './inputs.js';
export {
  formatCount,
  formatParameterBreakdown,
  type ParameterBreakdown,
  type ParameterBreakdownOptions,
  type ParameterClassifier,
  type ParameterGroup,
  parameterBreakdown,
} from './parameter-breakdown.js';
export { firstTokenPool, meanPool } from './pooling.js';
export { type EncoderShapeTrace, encoderShapeTrace } from './shape-trace.js';
