/** Terminal pictures for lessons: heatmaps of matrices and rows of bars. */
import pc from 'picocolors';

const SHADES = [' ', '░', '▒', '▓', '█'];
const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

export interface HeatmapOptions {
  rowLabels?: string[];
  colLabels?: string[];
  /** Values map to shades between these (default: the matrix's min and max). */
  min?: number;
  max?: number;
  /** Print the value in each cell (2 decimals) instead of a shade only. */
  values?: boolean;
  /** Cells drawn as a dot (masked). */
  hidden?: boolean[][];
  color?: boolean;
}

/** 256-colour background for t in [0, 1]: dark blue → yellow. */
function cellColor(t: number, text: string): string {
  const palette = [17, 18, 19, 25, 31, 37, 72, 107, 142, 178, 220, 226];
  const code = palette[Math.min(palette.length - 1, Math.floor(t * palette.length))];
  const fg = t > 0.6 ? 30 : 97;
  return `\x1b[48;5;${code}m\x1b[${fg}m${text}\x1b[0m`;
}

export function heatmap(matrix: number[][], options: HeatmapOptions = {}): string {
  const flat = matrix.flat().filter((v) => Number.isFinite(v));
  const min = options.min ?? Math.min(...flat);
  const max = options.max ?? Math.max(...flat);
  const color = options.color ?? pc.isColorSupported;
  const rowLabels = options.rowLabels ?? matrix.map((_, i) => String(i));
  const labelWidth = Math.max(...rowLabels.map((l) => l.length));
  const cellWidth = options.values ? 5 : 3;
  const lines: string[] = [];
  if (options.colLabels) {
    lines.push(
      `${' '.repeat(labelWidth + 1)}${options.colLabels.map((c) => c.slice(0, cellWidth).padStart(cellWidth)).join('')}`,
    );
  }
  matrix.forEach((row, i) => {
    const cells = row.map((v, j) => {
      if (options.hidden?.[i]?.[j]) return `${'·'.padStart(cellWidth - 1)} `;
      const t = max > min ? (v - min) / (max - min) : 0;
      const text = options.values
        ? (Number.isFinite(v) ? v.toFixed(2).replace(/^0/, '') : ' -∞')
            .padStart(cellWidth - 1)
            .padEnd(cellWidth)
        : SHADES[Math.round(Math.max(0, Math.min(1, t)) * (SHADES.length - 1))].repeat(cellWidth);
      return color
        ? cellColor(Math.max(0, Math.min(1, t)), options.values ? text : ' '.repeat(cellWidth))
        : text;
    });
    lines.push(`${rowLabels[i].padStart(labelWidth)} ${cells.join('')}`);
  });
  return lines.join('\n');
}

/** A row of bars, one per value, scaled to [0, max]. */
export function bars(values: number[], max = Math.max(...values)): string {
  return values
    .map((v) =>
      v <= 0 || max <= 0
        ? ' '
        : BARS[Math.min(BARS.length - 1, Math.round((v / max) * (BARS.length - 1)))],
    )
    .join('');
}

/** Nested arrays of a 2-D tensor-like [rows, cols]. */
export function rows2d(t: { shape: readonly number[]; data: ArrayLike<number> }): number[][] {
  const [r, c] = t.shape.slice(-2);
  return Array.from({ length: r }, (_, i) =>
    Array.from({ length: c }, (_, j) => t.data[i * c + j]),
  );
}
