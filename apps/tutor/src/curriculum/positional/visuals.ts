import { sinusoidalTable } from '@xf/positional';
import { heatmap, rows2d } from '../../ui/visuals.js';

/** The first 48 rows of a 16-wide sinusoidal table as shades (rows: positions). */
export function table(): string {
  const t = sinusoidalTable(48, 16);
  const rows = rows2d(t).filter((_, i) => i % 3 === 0);
  const labels = rows.map((_, i) => String(i * 3));
  return heatmap(rows, { rowLabels: labels, min: -1, max: 1 }).replace(/^/gm, '  ');
}
