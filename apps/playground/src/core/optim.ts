/** The optimizer and schedule every preset uses: AdamW with decoupled weight decay, warmup then cosine decay to lr / 10. */
import type { nn } from '@xf/tensor';
import { AdamW, cosineLr, type LrSchedule, weightDecayGroups } from '@xf/trainer';
import type { TrainSettings } from './settings.js';

export function makeOptimizer(model: nn.Module, s: TrainSettings): AdamW {
  return new AdamW(weightDecayGroups(model, s.weightDecay), { lr: s.lr, betas: [0.9, 0.99] });
}

export function makeSchedule(s: TrainSettings): LrSchedule {
  const warmupIters = Math.min(s.warmup, s.steps - 1);
  return cosineLr({ lr: s.lr, warmupIters, lrDecayIters: s.steps, minLr: s.lr / 10 });
}
