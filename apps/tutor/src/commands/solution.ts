/** `pnpm tutor solution <exercise>`: the shipped solution, after a pass or an explicit yes. */
import { readFileSync } from 'node:fs';
import { confirm, isCancel } from '@clack/prompts';
import pc from 'picocolors';
import { UsageError } from '../args.js';
import type { ExerciseRef } from '../curriculum/registry.js';
import { solutionFile } from '../workspace/files.js';
import { loadState, progressOf, updateState } from '../workspace/state.js';
import { type Context, requireExercise } from './context.js';

export function solutionText(ref: ExerciseRef): string {
  return readFileSync(solutionFile(ref), 'utf8').trimEnd();
}

/** Asks first when the exercise has not been passed; returns the text, or null when declined. */
export async function revealSolution(ctx: Context, ref: ExerciseRef): Promise<string | null> {
  const { state } = loadState(ctx.workspace);
  const passed = progressOf(state, ref.id).status === 'passed';
  if (!passed) {
    if (!ctx.interactive) {
      throw new UsageError(
        `${ref.id} is not passed yet; pass it first, or run this in a terminal to confirm you want the solution now`,
      );
    }
    const answer = await confirm({
      message: `You have not passed ${ref.id} yet. Show the solution anyway?`,
      initialValue: false,
    });
    if (isCancel(answer) || !answer) return null;
  }
  updateState(ctx.workspace, (s) => {
    const p = progressOf(s, ref.id);
    p.solutionViewed = true;
    s.exercises[ref.id] = p;
  });
  const body = solutionText(ref)
    .split('\n')
    .map((l) => `  ${pc.cyan(l)}`)
    .join('\n');
  return `${pc.bold(`solution of ${ref.id}`)} ${pc.dim(`(checked against ${ref.exercise.check.reference})`)}\n\n${body}`;
}

export async function solution(ctx: Context, positionals: string[]): Promise<number> {
  if (positionals.length !== 1)
    throw new UsageError('solution needs one exercise, as in pnpm tutor solution attention/scores');
  const ref = requireExercise(positionals[0]);
  const text = await revealSolution(ctx, ref);
  if (text === null) {
    ctx.out('not shown');
    return 0;
  }
  ctx.out(text);
  return 0;
}
