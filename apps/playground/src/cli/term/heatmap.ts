/**
 * Attention heatmaps in the terminal: one grid per head, a row per query, a column per key,
 * darker where the query attends more. With colour, cells are grey-scale backgrounds; without,
 * shade characters. Heads sit side by side as far as the terminal is wide.
 */
import type { AttentionMap } from '../../core/attention-maps.js';

const SHADES = [' ', '░', '▒', '▓', '█'];
/** Tokens shown per map; longer inputs show their first (or, causally, last) ones. */
export const MAX_TOKENS = 32;

function cell(weight: number, color: boolean): string {
  // a square root makes small weights visible without flattening the large ones
  const v = Math.sqrt(Math.max(0, Math.min(1, weight)));
  if (color) {
    const grey = 232 + Math.round(v * 23);
    return `\x1b[48;5;${grey}m  \x1b[0m`;
  }
  const shade = SHADES[Math.min(SHADES.length - 1, Math.round(v * (SHADES.length - 1)))];
  return shade + shade;
}

function fitWidth(label: string, width: number): string {
  return label.length > width ? `${label.slice(0, width - 1)}…` : label.padEnd(width);
}

export interface HeatmapOptions {
  width?: number;
  color?: boolean;
}

/** One map (a layer, or a kind of attention in a layer): every head. */
export function heatmap(map: AttentionMap, options: HeatmapOptions = {}): string {
  const { width = 100, color = false } = options;
  const rows = map.rows.slice(0, MAX_TOKENS);
  const cols = map.cols.slice(0, MAX_TOKENS);
  const labelWidth = Math.min(10, Math.max(3, ...rows.map((r) => r.length)));
  // a head's block: its grid, or its title when that is wider
  const headWidth = Math.max(cols.length * 2, `head ${map.heads.length - 1}`.length);
  const perLine = Math.max(1, Math.floor((width - labelWidth - 1) / (headWidth + 3)));
  const out: string[] = [];
  const note =
    map.rows.length > rows.length || map.cols.length > cols.length
      ? ` (first ${MAX_TOKENS} tokens)`
      : '';
  out.push(`${map.title}${note}`);
  for (let first = 0; first < map.heads.length; first += perLine) {
    const heads = map.heads.slice(first, first + perLine).map((h, i) => ({ h, index: first + i }));
    out.push(
      ' '.repeat(labelWidth + 1) +
        heads.map(({ index }) => fitWidth(`head ${index}`, headWidth)).join('   '),
    );
    out.push(
      ' '.repeat(labelWidth + 1) +
        heads
          .map(() =>
            fitWidth(cols.map((c) => fitWidth(c.slice(0, 1) || ' ', 2)).join(''), headWidth),
          )
          .join('   '),
    );
    rows.forEach((r, i) => {
      const pad = ' '.repeat(headWidth - cols.length * 2);
      const cells = heads.map(
        ({ h }) => cols.map((_, j) => cell(h[i]?.[j] ?? 0, color)).join('') + pad,
      );
      out.push(`${fitWidth(r, labelWidth)} ${cells.join('   ')}`);
    });
  }
  return out.join('\n');
}
