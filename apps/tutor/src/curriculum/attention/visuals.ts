import { causalMask, scaledDotProductAttention } from '@xf/attention';
import { Generator, matmul, randn, softmax } from '@xf/tensor';
import { bars, heatmap, rows2d } from '../../ui/visuals.js';

/** One query against 8 keys with d_k = 64: softmax of raw and of scaled scores. */
export function sqrtDk(): string {
  const gen = new Generator(7);
  const q = randn([1, 64], { generator: gen });
  const k = randn([8, 64], { generator: gen });
  const raw = matmul(q, k.mT);
  const lines: string[] = [];
  for (const [name, scale] of [
    ['q·k        ', 1],
    ['q·k / √64  ', 1 / 8],
  ] as const) {
    const w = Array.from(softmax(raw.mul(scale), -1).data);
    const top = Math.max(...w);
    lines.push(`  ${name} weights ${bars(w, 1)}  largest ${top.toFixed(2)}`);
  }
  return lines.join('\n');
}

/** Causal self-attention weights over 6 tokens. */
export function causalHeatmap(): string {
  const gen = new Generator(11);
  const q = randn([6, 8], { generator: gen });
  const k = randn([6, 8], { generator: gen });
  const [, w] = scaledDotProductAttention(q, k, k, {
    attnMask: causalMask(6),
    returnWeights: true,
  });
  const tokens = ['the', 'cat', 'sat', 'on', 'the', 'mat'];
  const hidden = rows2d(causalMask(6)).map((r) => r.map((v) => v === 0));
  const map = heatmap(rows2d(w), {
    rowLabels: tokens,
    colLabels: tokens,
    min: 0,
    max: 1,
    values: true,
    hidden,
  });
  return `${map.replace(/^/gm, '  ')}\n  (· above the diagonal: the future is masked)`;
}
