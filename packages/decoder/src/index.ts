export { Block } from './block.js';
export { type AttentionStepOptions, CausalSelfAttention } from './causal-self-attention.js';
export { defaultGPTConfig, type GPTConfig, resolveGPTConfig } from './config.js';
export { type GenerateOptions, generate } from './generate.js';
export { GPT, type GPTForwardOptions, type GPTOutput } from './gpt.js';
export { MLP } from './mlp.js';
export {
  blockParameterRows,
  countByPrefix,
  formatParameterBreakdown,
  gptParameterBreakdown,
  type ParameterBreakdown,
  type ParameterRow,
} from './parameters.js';
export { type SampleOptions, sampleNext, topKFilter, topPFilter } from './sampling.js';
export { gptShapeTrace } from './trace.js';
