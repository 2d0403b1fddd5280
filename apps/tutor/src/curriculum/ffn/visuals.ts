import { gelu, relu } from '@xf/ffn';
import { tensor } from '@xf/tensor';

/** GELU and relu from −3 to 3, plotted as a small character chart. */
export function geluPlot(): string {
  const xs = Array.from({ length: 49 }, (_, i) => -3 + i / 8);
  const g = Array.from(gelu(tensor(xs)).data);
  const r = Array.from(relu(tensor(xs)).data);
  const rows = 9;
  const top = 3;
  const bottom = -0.5;
  const lines: string[] = [];
  for (let row = 0; row < rows; row++) {
    const y = top - (row * (top - bottom)) / (rows - 1);
    const half = (top - bottom) / (rows - 1) / 2;
    let line = '';
    for (let i = 0; i < xs.length; i++) {
      const onG = Math.abs(g[i] - y) <= half;
      const onR = Math.abs(r[i] - y) <= half;
      line += onG ? '●' : onR ? '·' : Math.abs(y) <= half ? '─' : i === 24 ? '│' : ' ';
    }
    lines.push(`  ${y.toFixed(1).padStart(4)} ${line}`);
  }
  lines.push('       −3                      0                      3     ● GELU   · relu');
  return lines.join('\n');
}
