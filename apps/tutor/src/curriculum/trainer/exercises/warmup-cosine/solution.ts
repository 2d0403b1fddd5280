export interface ScheduleOptions {
  lr: number;
  warmupIters: number;
  lrDecayIters: number;
  minLr: number;
}

export function lrAt(it: number, o: ScheduleOptions): number {
  if (it < o.warmupIters) return (o.lr * (it + 1)) / (o.warmupIters + 1);
  if (it > o.lrDecayIters) return o.minLr;
  const r = (it - o.warmupIters) / (o.lrDecayIters - o.warmupIters);
  return o.minLr + 0.5 * (1 + Math.cos(Math.PI * r)) * (o.lr - o.minLr);
}
