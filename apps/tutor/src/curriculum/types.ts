/** A concept of the curriculum: a lesson, exercises in order, and a few questions at the end. */
import type { ExerciseCheck } from '../engine/types.js';

export interface QuizQuestion {
  question: string;
  options: string[];
  /** Index of the right option. */
  answer: number;
  /** Why the right answer is right (shown after every answer). */
  explain: string;
}

export interface ExerciseDef {
  /** Folder name under exercises/, and the file name in the workspace. */
  name: string;
  // biome-ignore lint/suspicious/noExplicitAny: each exercise has its own module and input types
  check: ExerciseCheck<any, any>;
}

export interface ConceptDef {
  /** As typed on the command line: `pnpm tutor start attention`. */
  id: string;
  title: string;
  /** The package the exercises are checked against. */
  packageName: string;
  /** Other names accepted on the command line. */
  aliases?: string[];
  exercises: ExerciseDef[];
  quiz: QuizQuestion[];
  /** Terminal pictures the lesson places with a `::visual name` line. */
  visuals?: Record<string, (width: number) => string>;
}

/** A concept whose package is not written yet: listed, not startable. */
export interface PendingConcept {
  id: string;
  title: string;
  packageName: string;
  aliases?: string[];
  pending: string;
}

export type Concept = ConceptDef | PendingConcept;

export const isPending = (c: Concept): c is PendingConcept => 'pending' in c;
