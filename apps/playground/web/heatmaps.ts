/** Attention heatmaps in the page: per layer, one small canvas per head, labelled with the tokens. */
import type { AttentionMap } from '../src/core/attention-maps.js';

const CELL = 14;
const MAX_TOKENS = 40;

function headCanvas(grid: number[][], rows: string[], cols: string[]): HTMLCanvasElement {
  const labelW = 8 * Math.min(8, Math.max(1, ...rows.map((r) => r.length))) + 6;
  const canvas = document.createElement('canvas');
  canvas.width = labelW + cols.length * CELL;
  canvas.height = 14 + rows.length * CELL;
  const ctx = canvas.getContext('2d')!;
  ctx.font = '10px ui-monospace, monospace';
  ctx.fillStyle = '#333';
  cols.forEach((c, j) => {
    ctx.fillText(c.slice(0, 1), labelW + j * CELL + 3, 10);
  });
  rows.forEach((r, i) => {
    ctx.fillStyle = '#333';
    ctx.fillText(r.slice(0, 8), 2, 14 + i * CELL + 10);
    cols.forEach((_, j) => {
      // a square root shows small weights without flattening large ones
      const v = Math.sqrt(Math.max(0, Math.min(1, grid[i]?.[j] ?? 0)));
      const shade = Math.round(255 * (1 - v));
      ctx.fillStyle = `rgb(${shade}, ${shade}, ${Math.round(255 - 120 * v)})`;
      ctx.fillRect(labelW + j * CELL, 14 + i * CELL, CELL - 1, CELL - 1);
    });
  });
  return canvas;
}

export function renderHeatmaps(container: HTMLElement, maps: AttentionMap[]): void {
  container.replaceChildren();
  for (const map of maps) {
    const rows = map.rows.slice(0, MAX_TOKENS);
    const cols = map.cols.slice(0, MAX_TOKENS);
    const section = document.createElement('div');
    section.className = 'map';
    const title = document.createElement('h3');
    title.textContent = map.title;
    const heads = document.createElement('div');
    heads.className = 'heads';
    map.heads.forEach((grid, h) => {
      const figure = document.createElement('figure');
      figure.className = 'head';
      const caption = document.createElement('figcaption');
      caption.textContent = `head ${h}`;
      figure.append(caption, headCanvas(grid, rows, cols));
      heads.append(figure);
    });
    section.append(title, heads);
    container.append(section);
  }
}
