/**
 * A small scheduler object that writes a schedule's learning rate into an optimizer's groups,
 * shaped like torch.optim.lr_scheduler: step() after each optimizer.step(), getLastLr(), and
 * lastEpoch (PyTorch's name; here it counts updates). Unlike LambdaLR, the schedule gives
 * the learning rate itself, not a factor, and every group gets it.
 */
import type { LrSchedule } from './schedules.js';

/** Anything with parameter groups that carry an lr: every optimizer here. */
export interface HasLrGroups {
  paramGroups: Array<{ lr: number }>;
}

/** Sets every group's learning rate. */
export function setLr(optimizer: HasLrGroups, lr: number): void {
  for (const group of optimizer.paramGroups) {
    group.lr = lr;
  }
}

export class LrScheduler {
  readonly optimizer: HasLrGroups;
  readonly schedule: LrSchedule;
  /** Updates completed so far; the groups hold schedule(lastEpoch). */
  lastEpoch: number;

  /** Applies schedule(lastEpoch + 1) at once (schedule(0) for a fresh start), as PyTorch does. */
  constructor(optimizer: HasLrGroups, schedule: LrSchedule, lastEpoch = -1) {
    if (!Number.isInteger(lastEpoch) || lastEpoch < -1) {
      throw new Error(`LrScheduler: lastEpoch must be an integer >= -1, got ${lastEpoch}`);
    }
    this.optimizer = optimizer;
    this.schedule = schedule;
    this.lastEpoch = lastEpoch;
    this.step();
  }

  /** Moves to the next update's learning rate. */
  step(): void {
    this.lastEpoch += 1;
    setLr(this.optimizer, this.schedule(this.lastEpoch));
  }

  getLastLr(): number[] {
    return this.optimizer.paramGroups.map((g) => g.lr);
  }

  stateDict(): { lastEpoch: number } {
    return { lastEpoch: this.lastEpoch };
  }

  loadStateDict(state: { lastEpoch: number }): void {
    if (!state || !Number.isInteger(state.lastEpoch) || state.lastEpoch < 0) {
      throw new Error(`LrScheduler.loadStateDict: expected { lastEpoch: a non-negative integer }`);
    }
    this.lastEpoch = state.lastEpoch;
    setLr(this.optimizer, this.schedule(this.lastEpoch));
  }
}
