/**
 * What an exercise is to the checking engine: a set of functions the learner writes, a
 * reference implementation of the same functions built from the xf packages, seeded cases,
 * a tolerance, and deliberately wrong variants ("mistakes") used to explain a failure.
 * Every implementation (reference, learner, solution, mistake) is a module: an object whose
 * properties are the functions, so the engine treats them all alike.
 */
import type { Generator } from '@xf/tensor';

// biome-ignore lint/suspicious/noExplicitAny: learner modules are checked at run time, not typed
export type AnyFunction = (...args: any[]) => unknown;

/** An implementation of an exercise's functions. */
export type Impl = Record<string, unknown>;

export interface Tolerance {
  atol: number;
  rtol: number;
}

export interface CaseSpec<I> {
  /** Shown when this case fails: what is special about it ("length 1", "a masked row"). */
  label: string;
  /** Builds the inputs. Called afresh for every implementation, with a generator seeded the same way. */
  make: (gen: Generator) => I;
}

export interface Mistake<M extends Impl> {
  /** Stable id, used by the dev check. */
  id: string;
  /** One line: what the learner probably did. */
  title: string;
  /** Why it is wrong and what to change. */
  explain: string;
  /** The wrong variant, written as a learner would. */
  impl: M;
}

export interface ExerciseCheck<M extends Impl = Impl, I = unknown> {
  /** Short title, shown in lists. */
  title: string;
  /** The functions the learner's file must export. */
  functions: (keyof M & string)[];
  /** What the result is compared with, in words ("scaledDotProductAttention from @xf/attention"). */
  reference: string;
  /** The reference implementation, built from the xf packages. */
  referenceImpl: M;
  tolerance: Tolerance;
  /** Base seed; case i uses seed + i. */
  seed: number;
  cases: CaseSpec<I>[];
  /** Calls an implementation on a case's inputs; the result is what gets compared. */
  run: (impl: M, input: I) => unknown;
  mistakes: Mistake<M>[];
}

/** Typed helper for check.ts files. */
export function defineCheck<M extends Impl, I>(check: ExerciseCheck<M, I>): ExerciseCheck<M, I> {
  return check;
}
