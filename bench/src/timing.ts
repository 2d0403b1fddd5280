/** Runs training steps and times them; used by both sides' child processes. */
import type { RunPlan } from './config.js';
import type { TrainResult } from './results.js';

export interface TimedSteps {
  /** Wall-clock seconds of the timed steps together. */
  seconds: number;
  medianStep: number;
  /** Loss of every step, warm-up included. */
  losses: number[];
}

/** `warmup` untimed steps, then `steps` timed ones; `step` must finish its work before it returns. */
export async function timeSteps(
  step: () => number | Promise<number>,
  { warmup, steps }: RunPlan,
): Promise<TimedSteps> {
  const losses: number[] = [];
  for (let i = 0; i < warmup; i++) losses.push(await step());
  const times: number[] = [];
  const start = performance.now();
  for (let i = 0; i < steps; i++) {
    const t0 = performance.now();
    losses.push(await step());
    times.push((performance.now() - t0) / 1000);
  }
  const seconds = (performance.now() - start) / 1000;
  times.sort((a, b) => a - b);
  return { seconds, medianStep: times[Math.floor(times.length / 2)] ?? Number.NaN, losses };
}

/** Times a training run and gathers what a training child reports, peak memory included. */
export async function timeTraining(
  step: () => number | Promise<number>,
  run: RunPlan,
  about: Pick<TrainResult, 'label' | 'detail' | 'parameters' | 'tokensPerStep'>,
): Promise<TrainResult> {
  const timed = await timeSteps(step, run);
  const rss = peakRss();
  return {
    ...about,
    ...run,
    seconds: timed.seconds,
    tokensPerSec: (run.steps * about.tokensPerStep) / timed.seconds,
    medianStep: timed.medianStep,
    firstLoss: timed.losses[0],
    lastLoss: timed.losses[timed.losses.length - 1],
    losses: timed.losses,
    peakRss: rss,
  };
}

/** Peak resident set size of this process so far, in bytes (resourceUsage reports kilobytes). */
export function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

/** The line a child prints for its parent: a marker, then JSON. */
export const RESULT = 'BENCH-RESULT ';

export function report(result: unknown): void {
  process.stdout.write(`${RESULT}${JSON.stringify(result)}\n`);
}
