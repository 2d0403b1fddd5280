import { cosineLr } from '@xf/trainer';
import { bars } from '../../ui/visuals.js';

/** The learning rate over 60 updates: 6 of warmup, cosine to update 50, then the floor. */
export function schedule(): string {
  const lr = cosineLr({ lr: 1, warmupIters: 6, lrDecayIters: 50, minLr: 0.1 });
  const values = Array.from({ length: 60 }, (_, it) => lr(it));
  return `  lr ${bars(values, 1)}\n     ${'warmup'.padEnd(8)}${'cosine decay'.padEnd(44)}floor`;
}
