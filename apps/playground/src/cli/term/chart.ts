/**
 * The loss curve in the terminal: training loss (averaged per column) as dots, validation
 * loss as diamonds, on a shared axis with the step along the bottom.
 */
import pc from 'picocolors';

export interface LossPoint {
  step: number;
  loss: number;
  valLoss?: number;
}

export interface ChartOptions {
  width?: number;
  height?: number;
  color?: boolean;
}

export function lossChart(points: readonly LossPoint[], options: ChartOptions = {}): string {
  const { width = 60, height = 12, color = pc.isColorSupported } = options;
  if (points.length === 0) return '(no steps to chart)';
  const firstStep = points[0].step;
  const lastStep = points[points.length - 1].step;
  const span = Math.max(1, lastStep - firstStep);
  const column = (step: number) =>
    Math.min(width - 1, Math.floor(((step - firstStep) / span) * (width - 1)));

  // training loss: the mean of the steps that fall in each column
  const sums = new Array<number>(width).fill(0);
  const counts = new Array<number>(width).fill(0);
  const val = new Array<number | undefined>(width).fill(undefined);
  for (const p of points) {
    const c = column(p.step);
    if (Number.isFinite(p.loss)) {
      sums[c] += p.loss;
      counts[c]++;
    }
    if (p.valLoss !== undefined && Number.isFinite(p.valLoss)) val[c] = p.valLoss;
  }
  const train = sums.map((s, c) => (counts[c] ? s / counts[c] : undefined));
  const values = [...train, ...val].filter((v): v is number => v !== undefined);
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi - lo < 1e-6) {
    lo -= 0.5;
    hi += 0.5;
  }
  const row = (v: number) => Math.round(((hi - v) / (hi - lo)) * (height - 1));

  const grid = Array.from({ length: height }, () => new Array<string>(width).fill(' '));
  const paint = (s: string, fn: (t: string) => string) => (color ? fn(s) : s);
  train.forEach((v, c) => {
    if (v !== undefined) grid[row(v)][c] = paint('·', pc.cyan);
  });
  val.forEach((v, c) => {
    if (v !== undefined) grid[row(v)][c] = paint('◆', pc.yellow);
  });

  const label = (v: number) => v.toFixed(3).padStart(7);
  const lines = grid.map((cells, r) => {
    const axis =
      r === 0
        ? label(hi)
        : r === height - 1
          ? label(lo)
          : r === Math.floor((height - 1) / 2)
            ? label((hi + lo) / 2)
            : ' '.repeat(7);
    return `${axis} ┤${cells.join('')}`;
  });
  const left = `step ${firstStep}`;
  const right = `step ${lastStep}`;
  lines.push(`${' '.repeat(8)}└${'─'.repeat(width)}`);
  lines.push(
    `${' '.repeat(9)}${left}${' '.repeat(Math.max(1, width - left.length - right.length))}${right}`,
  );
  lines.push(
    `${' '.repeat(9)}${paint('·', pc.cyan)} train loss   ${paint('◆', pc.yellow)} val loss`,
  );
  return lines.join('\n');
}
