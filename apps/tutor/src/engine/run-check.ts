/**
 * Runs one exercise's cases on one implementation and says how it went: pass, the first
 * failing case with what differs, or the error it threw. On a wrong result, the exercise's
 * known mistakes are run on the same inputs: a mistake whose output the learner's matches on
 * every failing case is the diagnosis.
 */
import { Generator } from '@xf/tensor';
import { compareValues } from './compare.js';
import type { CaseFailure, CaseOutcome, CheckReport, Diagnosis, SourceLocation } from './report.js';
import type { ExerciseCheck, Impl } from './types.js';
import { describeInputs } from './values.js';

/** Turns an error thrown by learner code into a location in the learner's file, when it can. */
export type Locate = (error: unknown) => SourceLocation | undefined;

const isTodo = (e: unknown): boolean => e instanceof Error && /^TODO\b/.test(e.message);

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  return `a thrown ${typeof e}: ${String(e)}`;
}

function makeInput<I>(check: ExerciseCheck<Impl, I>, index: number): I {
  return check.cases[index].make(new Generator(check.seed + index));
}

/** The functions the exercise needs that `impl` does not export as functions. */
export function missingExports(check: ExerciseCheck<Impl, unknown>, impl: Impl): string[] {
  return check.functions.filter((name) => typeof impl[name] !== 'function');
}

function diagnose(
  check: ExerciseCheck<Impl, unknown>,
  failing: { index: number; actual: unknown }[],
): Diagnosis | undefined {
  for (const mistake of check.mistakes) {
    const matches = failing.every(({ index, actual }) => {
      try {
        const wrong = check.run(mistake.impl, makeInput(check, index));
        return compareValues(wrong, actual, check.tolerance) === null;
      } catch {
        return false;
      }
    });
    if (matches) return { id: mistake.id, title: mistake.title, explain: mistake.explain };
  }
  return undefined;
}

export function runCheck(
  check: ExerciseCheck<Impl, unknown>,
  impl: Impl,
  locate: Locate = () => undefined,
): CheckReport {
  const missing = missingExports(check, impl);
  if (missing.length > 0) {
    const found = Object.keys(impl).filter((k) => typeof impl[k] === 'function');
    return { status: 'missing-exports', missing, found };
  }
  const cases: CaseOutcome[] = [];
  const failing: { index: number; actual: unknown }[] = [];
  let firstFailure: CaseFailure | undefined;
  for (let index = 0; index < check.cases.length; index++) {
    const { label } = check.cases[index];
    const input = makeInput(check, index);
    const inputs = describeInputs(input);
    const expected = check.run(check.referenceImpl, makeInput(check, index));
    let actual: unknown;
    try {
      actual = check.run(impl, input);
    } catch (e) {
      if (isTodo(e)) return { status: 'todo', message: errorMessage(e), location: locate(e) };
      if (firstFailure) break; // report the earlier wrong result first
      return {
        status: 'error',
        message: errorMessage(e),
        location: locate(e),
        case: { index, label, inputs },
        stack: e instanceof Error ? e.stack : undefined,
      };
    }
    const mismatch = compareValues(expected, actual, check.tolerance);
    cases.push({ label, inputs, ok: mismatch === null });
    if (mismatch) {
      failing.push({ index, actual });
      firstFailure ??= { index, label, inputs, mismatch };
    }
  }
  if (!firstFailure) return { status: 'pass', cases };
  const diagnosis = diagnose(check, failing);
  return {
    status: 'fail',
    cases,
    failure: firstFailure,
    failedCount: failing.length,
    ...(diagnosis ? { diagnosis } : {}),
  };
}
