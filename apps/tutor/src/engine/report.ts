/** What one check of one implementation produced; plain data, so it crosses process boundaries. */
import type { Mismatch } from './compare.js';

export interface SourceLocation {
  file: string;
  line: number;
  column: number;
  /** The source line itself, trimmed. */
  code?: string;
}

export interface CaseOutcome {
  label: string;
  /** Input shapes, e.g. "q [2, 4, 5, 8], k [2, 4, 5, 8]". */
  inputs: string;
  ok: boolean;
}

export interface Diagnosis {
  id: string;
  title: string;
  explain: string;
}

export interface CaseFailure {
  index: number;
  label: string;
  inputs: string;
  mismatch: Mismatch;
}

export type CheckReport =
  /** Every case within tolerance. */
  | { status: 'pass'; cases: CaseOutcome[] }
  /** A result differs; `diagnosis` when it matches a known mistake. */
  | {
      status: 'fail';
      cases: CaseOutcome[];
      failure: CaseFailure;
      failedCount: number;
      diagnosis?: Diagnosis;
    }
  /** The stub's "TODO" is still there. */
  | { status: 'todo'; message: string; location?: SourceLocation }
  /** The learner's code threw. */
  | {
      status: 'error';
      message: string;
      location?: SourceLocation;
      case: { index: number; label: string; inputs: string };
      stack?: string;
    }
  /** Functions the exercise needs are not exported. */
  | { status: 'missing-exports'; missing: string[]; found: string[] }
  /** The file could not be loaded (syntax error, failed import). */
  | { status: 'load-error'; message: string; location?: SourceLocation }
  /** The exercise file does not exist in the workspace. */
  | { status: 'no-file'; file: string }
  /** The code ran past the time limit (an endless loop?). */
  | { status: 'timeout'; ms: number }
  /** The process running the code died (process.exit, out of memory). */
  | { status: 'crash'; message: string };

export type CheckStatus = CheckReport['status'];

/** Output the learner's code printed while it ran (console.log), trimmed. */
export interface JobResult {
  exercise: string;
  report: CheckReport;
  consoleOutput?: string;
  ms: number;
}
