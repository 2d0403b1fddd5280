/**
 * Progress, kept in <workspace>/.xf-tutor/state.json and written atomically. A file that
 * cannot be read as progress is never fatal: it is renamed with a timestamp (so nothing is
 * lost) and the learner starts from a fresh record, with a warning.
 */
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from './atomic.js';

export interface ExerciseProgress {
  status: 'pending' | 'passed';
  /** Checks run on this exercise. */
  attempts: number;
  passedAt?: string;
  /** Hint levels shown so far. */
  hintsShown: number;
  solutionViewed?: boolean;
}

export interface QuizResult {
  correct: number;
  total: number;
  at: string;
}

export interface TutorState {
  version: 1;
  /** Where `start` resumes. */
  current?: { concept: string; exercise?: string };
  /** Keyed 'concept/name'. */
  exercises: Record<string, ExerciseProgress>;
  quizzes: Record<string, QuizResult>;
  /** Concepts whose lesson was shown in full once. */
  lessonsSeen: string[];
}

export interface LoadedState {
  state: TutorState;
  /** Set when a corrupt file was set aside. */
  warning?: string;
}

export const emptyState = (): TutorState => ({
  version: 1,
  exercises: {},
  quizzes: {},
  lessonsSeen: [],
});

export const stateFile = (workspace: string): string => join(workspace, '.xf-tutor', 'state.json');

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why `v` is not a TutorState, or null when it is one. */
export function stateProblem(v: unknown): string | null {
  if (!isRecord(v)) return 'not a JSON object';
  if (v.version !== 1) return `unknown version ${JSON.stringify(v.version)}`;
  if (!isRecord(v.exercises)) return "'exercises' is not an object";
  for (const [id, p] of Object.entries(v.exercises)) {
    if (!isRecord(p) || (p.status !== 'pending' && p.status !== 'passed'))
      return `bad entry for ${id}`;
    if (typeof p.attempts !== 'number' || typeof p.hintsShown !== 'number')
      return `bad counts for ${id}`;
  }
  if (!isRecord(v.quizzes)) return "'quizzes' is not an object";
  if (!Array.isArray(v.lessonsSeen)) return "'lessonsSeen' is not a list";
  if (v.current !== undefined && (!isRecord(v.current) || typeof v.current.concept !== 'string')) {
    return "'current' is not { concept, exercise }";
  }
  return null;
}

const stamp = (): string => new Date().toISOString().replace(/[:.]/g, '-');

export function loadState(workspace: string): LoadedState {
  const file = stateFile(workspace);
  if (!existsSync(file)) return { state: emptyState() };
  let problem: string | null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
    problem = stateProblem(parsed);
  } catch (e) {
    problem = e instanceof SyntaxError ? `not valid JSON (${e.message})` : String(e);
  }
  if (problem === null) return { state: parsed as TutorState };
  const aside = join(dirname(file), `${basename(file, '.json')}.corrupt-${stamp()}.json`);
  try {
    renameSync(file, aside);
  } catch (e) {
    return {
      state: emptyState(),
      warning: `progress file ${file} is unreadable (${problem}) and could not be moved aside (${String(e)}); starting fresh`,
    };
  }
  return {
    state: emptyState(),
    warning: `progress file was unreadable (${problem}); kept it as ${aside} and started a fresh one`,
  };
}

export function saveState(workspace: string, state: TutorState): void {
  const file = stateFile(workspace);
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomic(file, `${JSON.stringify(state, null, 2)}\n`);
}

/** Reads the newest state, applies `change`, writes it back; returns the new state. */
export function updateState(workspace: string, change: (state: TutorState) => void): TutorState {
  const { state } = loadState(workspace);
  change(state);
  saveState(workspace, state);
  return state;
}

export function progressOf(state: TutorState, id: string): ExerciseProgress {
  return state.exercises[id] ?? { status: 'pending', attempts: 0, hintsShown: 0 };
}

/** Records a check: counts the attempt, marks a pass (a later failure does not unmark it). */
export function recordAttempt(state: TutorState, id: string, passed: boolean): void {
  const p = progressOf(state, id);
  p.attempts++;
  if (passed && p.status !== 'passed') {
    p.status = 'passed';
    p.passedAt = new Date().toISOString();
  }
  state.exercises[id] = p;
}
