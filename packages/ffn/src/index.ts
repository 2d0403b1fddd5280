export { GELU, ReLU, SiLU } from './activation-modules.js';
export { type ActivationName, activationNames } from './activation-names.js';
export { type GeluOptions, gelu, relu, silu } from './activations.js';
export { biasActivation } from './bias-activation.js';
export { PositionWiseFFN, type PositionWiseFFNOptions } from './position-wise-ffn.js';
export { SwiGLU, type SwiGLUOptions, swigluHiddenDim } from './swiglu.js';
