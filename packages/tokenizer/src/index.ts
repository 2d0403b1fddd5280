export type { BpeTokenizerJSON } from './bpe-json.js';
export {
  BpeTokenizer,
  type BpeTokenizerOptions,
  type DecodeOptions,
  type EncodeOptions,
} from './bpe-tokenizer.js';
export {
  CharTokenizer,
  type CharTokenizerJSON,
  type CharTokenizerOptions,
} from './char-tokenizer.js';
export { GPT2_SPLIT_PATTERN } from './pretokenize.js';
export type { SpecialSelection, SpecialTokenOptions } from './special-tokens.js';
export { parseTiktokenRanks, type TiktokenRanks } from './tiktoken-ranks.js';
export { type BpeMerge, type TrainBpeOptions, type TrainBpeResult, trainBpe } from './train-bpe.js';
export type { DecodeErrors, LoneSurrogates } from './utf8.js';
