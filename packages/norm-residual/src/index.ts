export { LayerNorm, type LayerNormOptions, layerNorm } from './layer-norm.js';
export {
  type NormPlacement,
  type NormType,
  Residual,
  type ResidualFnOptions,
  type ResidualOptions,
  residual,
  type SublayerFn,
} from './residual.js';
export { FLOAT32_EPS, RMSNorm, type RMSNormOptions, rmsNorm } from './rms-norm.js';
