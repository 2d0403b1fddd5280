/**
 * Where a GPT's parameters are, by component, computed from the config alone (so even
 * GPT-2 small's 124M can be counted without allocating them) and checked against a model.
 */
import type { nn } from '@xf/tensor';
import { type GPTConfig, resolveGPTConfig } from './config.js';

export interface ParameterRow {
  name: string;
  count: number;
  note?: string;
  children?: ParameterRow[];
}

export interface ParameterBreakdown {
  rows: ParameterRow[];
  total: number;
}

const linear = (inF: number, outF: number, bias: boolean) => inF * outF + (bias ? outF : 0);
const layerNorm = (n: number, bias: boolean) => n + (bias ? n : 0);

/** One block's parameters, by sublayer. */
export function blockParameterRows(config: GPTConfig): ParameterRow[] {
  const { nEmbd: C, bias } = config;
  return [
    { name: 'ln_1', count: layerNorm(C, bias), note: 'LayerNorm before attention' },
    { name: 'attn.c_attn', count: linear(C, 3 * C, bias), note: 'q, k, v projections [3C, C]' },
    { name: 'attn.c_proj', count: linear(C, C, bias), note: 'output projection W_O [C, C]' },
    { name: 'ln_2', count: layerNorm(C, bias), note: 'LayerNorm before the MLP' },
    { name: 'mlp.c_fc', count: linear(C, 4 * C, bias), note: 'widen [4C, C]' },
    { name: 'mlp.c_proj', count: linear(4 * C, C, bias), note: 'narrow [C, 4C]' },
  ];
}

/** Parameters of a GPT with this config (shared weights counted once). */
export function gptParameterBreakdown(partial: Partial<GPTConfig> = {}): ParameterBreakdown {
  const c = resolveGPTConfig(partial, 'gptParameterBreakdown');
  const block = blockParameterRows(c);
  const perBlock = block.reduce((n, r) => n + r.count, 0);
  const rows: ParameterRow[] = [
    {
      name: 'transformer.wte',
      count: c.vocabSize * c.nEmbd,
      note: `token embedding [${c.vocabSize}, ${c.nEmbd}]`,
    },
  ];
  if (c.positional === 'learned') {
    rows.push({
      name: 'transformer.wpe',
      count: c.blockSize * c.nEmbd,
      note: `position embedding [${c.blockSize}, ${c.nEmbd}]`,
    });
  } else {
    rows.push({ name: 'rotary positions', count: 0, note: 'RoPE has no parameters' });
  }
  rows.push({
    name: 'transformer.h',
    count: perBlock * c.nLayer,
    note: `${c.nLayer} blocks × ${perBlock.toLocaleString('en-US')}`,
    children: block,
  });
  rows.push({
    name: 'transformer.ln_f',
    count: layerNorm(c.nEmbd, c.bias),
    note: 'final LayerNorm',
  });
  rows.push(
    c.tieWeights
      ? { name: 'lm_head', count: 0, note: 'shares transformer.wte.weight' }
      : {
          name: 'lm_head',
          count: c.nEmbd * c.vocabSize,
          note: `output head [${c.vocabSize}, ${c.nEmbd}]`,
        },
  );
  return { rows, total: rows.reduce((n, r) => n + r.count, 0) };
}

/** The same breakdown, counted from a model's actual parameters (top-level prefixes). */
export function countByPrefix(model: nn.Module, depth = 2): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [name, p] of model.namedParameters()) {
    const key = name.split('.').slice(0, depth).join('.');
    counts.set(key, (counts.get(key) ?? 0) + p.numel());
  }
  return counts;
}

/** Rows as aligned text, children indented, with the total. */
export function formatParameterBreakdown(breakdown: ParameterBreakdown): string {
  const lines: [string, string, string][] = [];
  const walk = (rows: ParameterRow[], indent: string) => {
    for (const r of rows) {
      lines.push([`${indent}${r.name}`, r.count.toLocaleString('en-US'), r.note ?? '']);
      if (r.children) walk(r.children, `${indent}  `);
    }
  };
  walk(breakdown.rows, '');
  lines.push(['total', breakdown.total.toLocaleString('en-US'), '']);
  const w0 = Math.max(...lines.map((l) => l[0].length));
  const w1 = Math.max(...lines.map((l) => l[1].length));
  return lines
    .map(([a, b, c]) => `${a.padEnd(w0)}  ${b.padStart(w1)}${c ? `  ${c}` : ''}`)
    .join('\n');
}
