export * as check from './args.js';
export {
  type BackwardFn,
  enableGrad,
  type GradFn,
  inferenceMode,
  isGradEnabled,
  isInferenceMode,
  noGrad,
  recordOp,
  setGradEnabled,
} from './autograd.js';
export type { Backend, BinaryOp, MatmulParams, ReduceOp, UnaryOp } from './backend.js';
export {
  type BackendInfo,
  type BackendName,
  type BackendOptions,
  backendInfo,
  backendReady,
  defineKernel,
  getBackend,
  listBackends,
  registerBackend,
  setBackend,
} from './backends.js';
export { allFinite, assertFinite, unravelIndex } from './check.js';
export {
  arange,
  eye,
  full,
  fullLike,
  linspace,
  ones,
  onesLike,
  type RandomOptions,
  rand,
  randint,
  randn,
  randperm,
  type TensorOptions,
  tensor,
  zeros,
  zerosLike,
} from './creation.js';
export {
  assertGradcheck,
  type GradcheckOptions,
  type GradcheckResult,
  gradcheck,
} from './gradcheck.js';
export {
  activeGpuMode,
  availableGpuModes,
  type GpuKernel,
  type GpuMode,
  getGPU,
  gpuKernel,
  gpuKernels,
} from './kernels/gpu/runtime.js';
export { erfcOfNonNegative } from './kernels/js/elementwise.js';
export * as nn from './nn/index.js';
export {
  type BinaryCrossEntropyWithLogitsOptions,
  binaryCrossEntropyWithLogits,
} from './nn/losses/binaryCrossEntropyWithLogits.js';
export { type CrossEntropyOptions, crossEntropy } from './nn/losses/crossEntropy.js';
export { type NllLossOptions, nllLoss } from './nn/losses/nllLoss.js';
export type { Reduction } from './nn/losses/reduction.js';
export {
  abs,
  add,
  clamp,
  cos,
  div,
  eq,
  erf,
  exp,
  ge,
  gt,
  isfinite,
  isnan,
  le,
  log,
  logicalAnd,
  logicalNot,
  logicalOr,
  lt,
  maskedFill,
  maximum,
  minimum,
  mul,
  ne,
  neg,
  pow,
  reciprocal,
  relu,
  rsqrt,
  sigmoid,
  sign,
  sin,
  sqrt,
  square,
  sub,
  tanh,
  where,
} from './ops/elementwise.js';
export { gather, indexSelect, oneHot } from './ops/indexing.js';
export { bmm, linear, matmul, mm } from './ops/matmul.js';
export { bernoulli, dropout, multinomial } from './ops/random.js';
export {
  amax,
  amin,
  argmax,
  argmin,
  logsumexp,
  max,
  mean,
  min,
  std,
  sum,
  type ValuesIndices,
  type VarOptions,
  variance as var,
  variance,
} from './ops/reduce.js';
export {
  cat,
  chunk,
  clone,
  expand,
  flatten,
  narrow,
  permute,
  repeat,
  reshape,
  select,
  slice,
  split,
  squeeze,
  stack,
  t,
  transpose,
  tril,
  triu,
  unsqueeze,
  view,
} from './ops/shape.js';
export { logSoftmax, softmax } from './ops/softmax.js';
export { allocate, allocateZeroed, clearPool, pooledFloats } from './pool.js';
export { defaultGenerator, Generator, getRngState, manualSeed, setRngState } from './random.js';
export {
  broadcastShapes,
  formatShape,
  numel,
  type Shape,
  stridesOf,
} from './shape.js';
export { type DType, Tensor, type TensorLike } from './tensor.js';
export * as testing from './testing.js';
export {
  formatTrace,
  isTracing,
  type TraceStep,
  traceScope,
  traceShapes,
  traceStep,
} from './trace.js';
