/**
 * Attention weights for heatmaps: for one input, per layer (and kind of attention), one
 * [queries × keys] grid per head. Rows are queries, columns keys; each row sums to 1.
 */
import type { Tensor } from '@xf/tensor';

export interface AttentionMap {
  /** e.g. "layer 0" or "decoder 1, cross-attention". */
  title: string;
  /** Labels of the queries (rows) and keys (columns). */
  rows: string[];
  cols: string[];
  /** heads[h][i][j]: how much query i attends to key j in head h. */
  heads: number[][][];
}

/** Splits weights [1, H, L, S] (the first batch row of [B, H, L, S]) into per-head grids. */
export function headsOf(weights: Tensor): number[][][] {
  const [, H, L, S] = weights.shape;
  const d = weights.data;
  return Array.from({ length: H }, (_, h) =>
    Array.from({ length: L }, (_, i) =>
      Array.from(d.subarray((h * L + i) * S, (h * L + i + 1) * S)),
    ),
  );
}

/** How a token looks as a heatmap label: visible whitespace, one character wide where possible. */
export function tokenLabel(token: string): string {
  return token.replace(/\n/g, '↵').replace(/ /g, '·').replace(/\t/g, '→');
}
