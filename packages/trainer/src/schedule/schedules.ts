/**
 * Learning-rate schedules as pure functions of the step: `schedule(it)` is the learning rate
 * of the update that follows `it` completed updates (nanoGPT's iter_num), so the first update
 * uses schedule(0). Being pure, a schedule needs no state in a checkpoint: the step is enough.
 */

export type LrSchedule = (it: number) => number;

export interface WarmupDecayOptions {
  /** Peak learning rate, reached at the end of warmup. */
  lr: number;
  /** Updates of linear warmup (default 0). */
  warmupIters?: number;
  /** The step at which decay reaches minLr; it stays there after. */
  lrDecayIters: number;
  /** The floor (default 0). */
  minLr?: number;
}

/** Linear warmup as nanoGPT: lr (it + 1) / (warmupIters + 1), so the first update is not at lr 0. */
function warmup(lr: number, warmupIters: number, it: number): number {
  return (lr * (it + 1)) / (warmupIters + 1);
}

function checkWarmupDecay(name: string, o: WarmupDecayOptions): Required<WarmupDecayOptions> {
  const { lr, warmupIters = 0, lrDecayIters, minLr = 0 } = o;
  if (!(lr >= 0)) {
    throw new Error(`${name}: lr must be a non-negative number, got ${lr}`);
  }
  if (!(minLr >= 0)) {
    throw new Error(`${name}: minLr must be a non-negative number, got ${minLr}`);
  }
  if (!Number.isInteger(warmupIters) || warmupIters < 0) {
    throw new Error(`${name}: warmupIters must be a non-negative integer, got ${warmupIters}`);
  }
  if (!Number.isInteger(lrDecayIters) || lrDecayIters <= warmupIters) {
    throw new Error(
      `${name}: lrDecayIters (${lrDecayIters}) must be an integer greater than warmupIters (${warmupIters})`,
    );
  }
  return { lr, warmupIters, lrDecayIters, minLr };
}

/** The same learning rate at every step, after an optional linear warmup. */
export function constantLr(lr: number, options: { warmupIters?: number } = {}): LrSchedule {
  const { warmupIters = 0 } = options;
  if (!(lr >= 0)) {
    throw new Error(`constantLr: lr must be a non-negative number, got ${lr}`);
  }
  if (!Number.isInteger(warmupIters) || warmupIters < 0) {
    throw new Error(`constantLr: warmupIters must be a non-negative integer, got ${warmupIters}`);
  }
  return (it) => (it < warmupIters ? warmup(lr, warmupIters, it) : lr);
}

/**
 * nanoGPT's get_lr: linear warmup for warmupIters updates, then a half cosine from lr down
 * to minLr at lrDecayIters, then minLr.
 */
export function cosineLr(options: WarmupDecayOptions): LrSchedule {
  const { lr, warmupIters, lrDecayIters, minLr } = checkWarmupDecay('cosineLr', options);
  return (it) => {
    if (it < warmupIters) {
      return warmup(lr, warmupIters, it);
    }
    if (it > lrDecayIters) {
      return minLr;
    }
    const decayRatio = (it - warmupIters) / (lrDecayIters - warmupIters);
    const coeff = 0.5 * (1 + Math.cos(Math.PI * decayRatio)); // 1 → 0
    return minLr + coeff * (lr - minLr);
  };
}

/** Linear warmup, then a straight line from lr down to minLr at lrDecayIters, then minLr. */
export function linearLr(options: WarmupDecayOptions): LrSchedule {
  const { lr, warmupIters, lrDecayIters, minLr } = checkWarmupDecay('linearLr', options);
  return (it) => {
    if (it < warmupIters) {
      return warmup(lr, warmupIters, it);
    }
    if (it > lrDecayIters) {
      return minLr;
    }
    const decayRatio = (it - warmupIters) / (lrDecayIters - warmupIters);
    return lr + decayRatio * (minLr - lr);
  };
}
