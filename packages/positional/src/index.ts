export { LearnedPositionalEmbedding } from './learned.js';
export { type ApplyRotaryEmbOptions, applyRotaryEmb } from './rotary.js';
export { RotaryEmbedding, type RotaryEmbeddingOptions } from './rotary-embedding.js';
export { type RotaryTables, rotaryTables } from './rotary-tables.js';
export { positionSimilarity, rotarySimilarity } from './similarity.js';
export {
  SinusoidalPositionalEncoding,
  type SinusoidalPositionalEncodingOptions,
} from './sinusoidal-encoding.js';
export { type SinusoidalTableOptions, sinusoidalTable } from './sinusoidal-table.js';
