/** Messages between the tutor and the child process that runs learner code. */
import type { JobResult } from '../engine/report.js';

export type JobSource =
  /** A TypeScript file: the learner's, or a shipped stub or solution. */
  | { file: string }
  /** One of the exercise's built-in mistake variants (for the dev check). */
  | { mistake: string };

export interface Job {
  /** 'concept/name'. */
  exercise: string;
  source: JobSource;
}

export interface ChildRequest {
  jobs: Job[];
}

export type ChildMessage =
  | { type: 'start'; index: number }
  | { type: 'result'; index: number; result: JobResult }
  | { type: 'done' };
