import { tensor } from '@xf/tensor';
import { describe, expect, it } from 'vitest';
import { constantLr, cosineLr, LrScheduler, linearLr, SGD } from '../src/index.js';

describe('cosineLr (nanoGPT get_lr)', () => {
  // lr 6e-4, 10 warmup updates, decay to 6e-5 at step 110
  const schedule = cosineLr({ lr: 6e-4, warmupIters: 10, lrDecayIters: 110, minLr: 6e-5 });

  it('warms up linearly from lr/(warmup + 1) to lr', () => {
    expect(schedule(0)).toBeCloseTo(6e-4 / 11, 15); // (0 + 1) / (10 + 1)
    expect(schedule(9)).toBeCloseTo(6e-4 * (10 / 11), 15);
    expect(schedule(10)).toBeCloseTo(6e-4, 15); // warmup over: the cosine starts at its top
  });

  it('is halfway between lr and minLr at the cosine midpoint', () => {
    // step 60: decay ratio 0.5, cos(π/2) = 0, coefficient 0.5
    expect(schedule(60)).toBeCloseTo((6e-4 + 6e-5) / 2, 15);
    // a quarter in: coefficient 0.5 (1 + cos(π/4)) = 0.853553...
    expect(schedule(35)).toBeCloseTo(6e-5 + 0.8535533905932737 * (6e-4 - 6e-5), 15);
  });

  it('reaches the floor at lrDecayIters and stays there', () => {
    expect(schedule(110)).toBeCloseTo(6e-5, 15);
    expect(schedule(111)).toBe(6e-5);
    expect(schedule(10_000)).toBe(6e-5);
  });

  it('refuses a decay that ends before warmup does', () => {
    expect(() => cosineLr({ lr: 1, warmupIters: 10, lrDecayIters: 10 })).toThrow(
      'cosineLr: lrDecayIters (10) must be an integer greater than warmupIters (10)',
    );
  });
});

describe('linearLr and constantLr', () => {
  it('linearLr goes straight from lr to minLr', () => {
    const schedule = linearLr({ lr: 1, warmupIters: 4, lrDecayIters: 14, minLr: 0.1 });
    expect(schedule(0)).toBeCloseTo(0.2, 15); // 1 · 1/5
    expect(schedule(4)).toBe(1);
    expect(schedule(9)).toBeCloseTo(0.55, 15); // halfway
    expect(schedule(14)).toBeCloseTo(0.1, 15);
    expect(schedule(20)).toBe(0.1);
  });

  it('constantLr is constant after its warmup', () => {
    expect(constantLr(0.3)(0)).toBe(0.3);
    expect(constantLr(0.3)(1000)).toBe(0.3);
    const warm = constantLr(0.3, { warmupIters: 2 });
    expect(warm(0)).toBeCloseTo(0.1, 15); // 0.3 · 1/3
    expect(warm(1)).toBeCloseTo(0.2, 15);
    expect(warm(2)).toBe(0.3);
  });
});

describe('LrScheduler', () => {
  it('sets every group to schedule(step) and saves its place', () => {
    const opt = new SGD(
      [
        { params: [tensor([1], { requiresGrad: true })] },
        { params: [tensor([2], { requiresGrad: true })] },
      ],
      {
        lr: 5,
      },
    );
    const schedule = linearLr({ lr: 1, lrDecayIters: 10 });
    const scheduler = new LrScheduler(opt, schedule);
    expect(scheduler.getLastLr()).toEqual([1, 1]); // schedule(0), applied at construction
    scheduler.step();
    scheduler.step();
    expect(scheduler.lastEpoch).toBe(2);
    expect(scheduler.getLastLr()[1]).toBeCloseTo(0.8, 15);
    const other = new LrScheduler(opt, schedule);
    other.loadStateDict(scheduler.stateDict());
    expect(opt.paramGroups[0].lr).toBeCloseTo(0.8, 15);
  });
});
