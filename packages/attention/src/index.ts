export { KVCache, type KVCacheOptions } from './kv-cache.js';
export {
  asKeyPaddingMask,
  causalMask,
  combineMasks,
  maskToBias,
  paddingMask,
  paddingMaskFromLengths,
} from './masks.js';
export {
  MultiHeadAttention,
  type MultiHeadAttentionForwardOptions,
  type MultiHeadAttentionOptions,
} from './multi-head-attention.js';
export type { ScaledDotProductAttentionOptions } from './options.js';
export { attentionReference, repeatKvHeads } from './reference.js';
export { type ReturnWeights, scaledDotProductAttention } from './scaled-dot-product-attention.js';
