/** Printing tensors the way PyTorch does, abbreviated when large. */
import type { Tensor } from './tensor.js';

const EDGE = 3;
const LIMIT = 1000;

export function formatTensor(t: Tensor): string {
  const summarize = t.numel() > LIMIT;
  const isInt = t.dtype !== 'float32' || Array.from(t.data).every((v) => Number.isInteger(v));
  const fmt = (v: number): string => {
    if (t.dtype === 'bool') return v !== 0 ? 'true' : 'false';
    if (!Number.isFinite(v)) return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
    if (isInt) return t.dtype === 'float32' ? `${v}.` : `${v}`;
    const abs = Math.abs(v);
    return abs !== 0 && (abs >= 1e4 || abs < 1e-4) ? v.toExponential(4) : v.toFixed(4);
  };
  const cells = Array.from(t.data, fmt);
  const width = Math.max(1, ...cells.map((c) => c.length));
  const strides = t.shape.map((_, i) => t.shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const build = (dim: number, offset: number, indent: string): string => {
    if (t.ndim === 0) return cells[0];
    const n = t.shape[dim];
    const pick =
      summarize && n > 2 * EDGE ? [...range(0, EDGE), -1, ...range(n - EDGE, n)] : range(0, n);
    if (dim === t.ndim - 1) {
      return `[${pick.map((i) => (i < 0 ? '...' : cells[offset + i].padStart(width))).join(', ')}]`;
    }
    const sep = `,${'\n'.repeat(t.ndim - dim - 1)}${indent} `;
    return `[${pick.map((i) => (i < 0 ? '...' : build(dim + 1, offset + i * strides[dim], `${indent} `))).join(sep)}]`;
  };
  const extras = [
    t.dtype !== 'float32' ? `dtype=${t.dtype}` : '',
    t.gradFn ? `gradFn=<${t.gradFn.name}>` : t.requiresGrad ? 'requiresGrad=true' : '',
  ].filter(Boolean);
  const body = build(0, 0, '       ');
  return `tensor(${body}${extras.length ? `, ${extras.join(', ')}` : ''})`;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
