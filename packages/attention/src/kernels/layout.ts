/**
 * What an attention kernel needs to know, on flat float32 arrays.
 *
 * Every backend computes the same thing for each of `T` batch entries (the product of the
 * output's batch dims, e.g. B·H): queries [L, E], keys [S, E], values [S, Ev]. Inputs are
 * read in place through per-batch offsets, so broadcast batch dims and grouped-query heads
 * (one key/value head shared by several query heads) cost no copies.
 */

/** A mask entry at or below this is a masked key (−∞; a finite stand-in GL shaders keep exact). */
export const MASKED = -3.4e38;
export const MASKED_THRESHOLD = -3e38;

/** An additive bias [.., L, S] read through strides: 0 or a score offset, MASKED where masked. */
export interface MaskLayout {
  bias: Float32Array;
  /** Start of each batch entry's [L, S] block in `bias`. */
  offsets: number[];
  /** Step between query rows (0 when the mask is broadcast over rows). */
  rowStride: number;
  /** Step between keys (0 when broadcast over keys). */
  colStride: number;
}

export interface AttentionLayout {
  /** Number of batch entries (heads included). */
  T: number;
  /** Queries, keys, query/key width, value width. */
  L: number;
  S: number;
  E: number;
  Ev: number;
  /** Start of each batch entry's matrix in q ([L, E]), k ([S, E]) and v ([S, Ev]). */
  qOffsets: number[];
  kOffsets: number[];
  vOffsets: number[];
  /** Multiplies q·k before the mask is added. */
  scale: number;
  mask: MaskLayout | null;
  /** When causal, query i sees key j only where j <= i + diagonal. */
  causal: boolean;
  diagonal: number;
}

/** Forward results, all [T, L, ·]: `weights` = probs ⊙ dropout mask, `out` = weights @ v. */
export interface ForwardResult {
  out: Float32Array;
  probs: Float32Array;
  weights: Float32Array;
}

/** What backward keeps from forward. `drop` holds 0 or 1/(1-p) per weight, null without dropout. */
export interface SavedForward extends ForwardResult {
  drop: Float32Array | null;
}

/** Gradients per batch entry: dq [T, L, E], dk [T, S, E], dv [T, S, Ev] (null when no dOut), dScores [T, L, S]. */
export interface BackwardResult {
  dq: Float32Array;
  dk: Float32Array;
  dv: Float32Array | null;
  dScores: Float32Array;
}

export type ForwardKernel = (
  q: Float32Array,
  k: Float32Array,
  v: Float32Array,
  layout: AttentionLayout,
  drop: Float32Array | null,
) => ForwardResult;

/** Gradients from dL/dOut and/or dL/dWeights (either may be null). */
export type BackwardKernel = (
  q: Float32Array,
  k: Float32Array,
  v: Float32Array,
  layout: AttentionLayout,
  saved: SavedForward,
  dOut: Float32Array | null,
  dWeights: Float32Array | null,
) => BackwardResult;
