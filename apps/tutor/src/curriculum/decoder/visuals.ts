import { causalMask } from '@xf/attention';
import { softmax, tensor } from '@xf/tensor';
import { bars } from '../../ui/visuals.js';

/** The causal mask of 6 tokens. */
export function mask(): string {
  const m = causalMask(6);
  const rows: string[] = [];
  for (let i = 0; i < 6; i++) {
    rows.push(
      `  token ${i}  ${Array.from({ length: 6 }, (_, j) => (m.data[i * 6 + j] ? '■' : '·')).join(' ')}`,
    );
  }
  return `${rows.join('\n')}\n  ■ may attend   · masked (the future)`;
}

/** One row of logits at three temperatures. */
export function temperature(): string {
  const logits = tensor([2.0, 1.5, 0.3, 0.2, -0.5, -1, -1.2, -2]);
  return [0.5, 1, 2]
    .map((t) => {
      const p = Array.from(softmax(logits.div(t), -1).data);
      return `  T = ${String(t).padEnd(4)} ${bars(p, 1)}  top token ${(p[0] * 100).toFixed(0)}%`;
    })
    .join('\n');
}
