/**
 * trainer · 3 · a warmup-cosine learning-rate schedule
 *
 * nanoGPT's get_lr. `it` is the number of updates already done (the first update uses it = 0):
 *
 *   it < warmupIters:          lr · (it + 1) / (warmupIters + 1)       linear warmup, never 0
 *   it > lrDecayIters:         minLr                                   the floor
 *   otherwise:                 r = (it − warmupIters) / (lrDecayIters − warmupIters)
 *                              minLr + ½ (1 + cos(π r)) · (lr − minLr)  half a cosine, lr → minLr
 *
 *   →  a number
 */

export interface ScheduleOptions {
  lr: number;
  warmupIters: number;
  lrDecayIters: number;
  minLr: number;
}

export function lrAt(it: number, o: ScheduleOptions): number {
  throw new Error('TODO: warmup, then cosine decay to minLr, then minLr');
}
