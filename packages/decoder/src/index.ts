export {
  formatParameterBreakdown,
  type ParameterBreakdown,
  type ParameterGroup,
} from '@xf/encoder';
export { Block } from './block.js';
export { type AttentionStepOptions, CausalSelfAttention } from './causal-self-attention.js';
export { defaultGPTConfig, type GPTConfig, resolveGPTConfig } from './config.js';
export {
  TransformerDecoder,
  TransformerDecoderLayer,
  type TransformerDecoderLayerForwardOptions,
  type TransformerDecoderLayerOptions,
} from './decoder-layer.js';
export { type GenerateOptions, generate } from './generate.js';
export { GPT, type GPTForwardOptions, type GPTOutput } from './gpt.js';
export { MLP } from './mlp.js';
export {
  blockParameterGroups,
  gptParameterBreakdown,
  seq2seqParameterBreakdown,
} from './parameters.js';
export { type SampleOptions, sampleNext, topKFilter, topPFilter } from './sampling.js';
export { type Seq2SeqGenerateOptions, type Seq2SeqOutput, Seq2SeqTransformer } from './seq2seq.js';
export { resolveSeq2SeqConfig, type Seq2SeqConfig, seq2seqDefaults } from './seq2seq-config.js';
export { gptShapeTrace, seq2seqShapeTrace } from './trace.js';
