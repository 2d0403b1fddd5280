import { cosineLr } from '@xf/trainer';
import { defineCheck } from '../../../../engine/types.js';

interface ScheduleOptions {
  lr: number;
  warmupIters: number;
  lrDecayIters: number;
  minLr: number;
}
type Impl = { lrAt: (it: number, o: ScheduleOptions) => number };
interface Input {
  o: ScheduleOptions;
}

function schedule(opts: {
  warmup?: 'nanogpt' | 'from-zero';
  floor?: boolean;
  minLrOffset?: boolean;
}) {
  return (it: number, o: ScheduleOptions): number => {
    if (it < o.warmupIters) {
      return opts.warmup === 'from-zero'
        ? (o.lr * it) / o.warmupIters
        : (o.lr * (it + 1)) / (o.warmupIters + 1);
    }
    if (opts.floor !== false && it > o.lrDecayIters) return o.minLr;
    const r = (it - o.warmupIters) / (o.lrDecayIters - o.warmupIters);
    const coeff = 0.5 * (1 + Math.cos(Math.PI * r));
    return opts.minLrOffset === false ? coeff * o.lr : o.minLr + coeff * (o.lr - o.minLr);
  };
}

export default defineCheck<Impl, Input>({
  title: 'warmup, then cosine decay',
  functions: ['lrAt'],
  reference: 'cosineLr({ lr, warmupIters, lrDecayIters, minLr }) from @xf/trainer',
  referenceImpl: { lrAt: (it, o) => cosineLr(o)(it) },
  tolerance: { atol: 1e-12, rtol: 1e-9 },
  seed: 5200,
  cases: [
    {
      label: 'nanoGPT-like: 10 warmup, decay to 100',
      make: () => ({ o: { lr: 6e-4, warmupIters: 10, lrDecayIters: 100, minLr: 6e-5 } }),
    },
    {
      label: 'no warmup',
      make: () => ({ o: { lr: 1e-3, warmupIters: 0, lrDecayIters: 20, minLr: 1e-4 } }),
    },
    {
      label: 'one warmup step, minLr 0',
      make: () => ({ o: { lr: 0.1, warmupIters: 1, lrDecayIters: 8, minLr: 0 } }),
    },
  ],
  run: (impl, { o }) => Array.from({ length: o.lrDecayIters + 6 }, (_, it) => impl.lrAt(it, o)),
  mistakes: [
    {
      id: 'warmup-from-zero',
      title: 'warmup starts at 0',
      explain:
        'With lr · it / warmupIters the first update (it = 0) gets a learning rate of 0 and is wasted. nanoGPT uses ' +
        'lr · (it + 1) / (warmupIters + 1).',
      impl: { lrAt: schedule({ warmup: 'from-zero' }) },
    },
    {
      id: 'no-floor',
      title: 'the cosine keeps going after lrDecayIters',
      explain:
        'Past lrDecayIters the rate stays at minLr. Without that branch the cosine turns and climbs back up.',
      impl: { lrAt: schedule({ floor: false }) },
    },
    {
      id: 'decays-to-zero',
      title: 'decays to 0 instead of minLr',
      explain:
        'The cosine runs from lr down to minLr: minLr + ½(1 + cos(πr)) · (lr − minLr), not ½(1 + cos(πr)) · lr.',
      impl: { lrAt: schedule({ minLrOffset: false }) },
    },
  ],
});
