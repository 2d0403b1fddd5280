/** `pnpm tutor hint [exercise]`: the next hint level of the current or named exercise. */
import pc from 'picocolors';
import { UsageError } from '../args.js';
import type { ExerciseRef } from '../curriculum/registry.js';
import { findExercise } from '../curriculum/registry.js';
import { renderMarkdown } from '../ui/markdown.js';
import { terminalWidth } from '../ui/term.js';
import { hintLevels } from '../workspace/files.js';
import { loadState, progressOf, updateState } from '../workspace/state.js';
import { type Context, requireExercise } from './context.js';

/** Shows hint levels up to the next unseen one; returns the text. */
export function nextHint(ctx: Context, ref: ExerciseRef): string {
  const levels = hintLevels(ref);
  if (levels.length === 0) return `no hint for ${ref.id}`;
  let shown = 0;
  updateState(ctx.workspace, (state) => {
    const p = progressOf(state, ref.id);
    p.hintsShown = Math.min(levels.length, p.hintsShown + 1);
    shown = p.hintsShown;
    state.exercises[ref.id] = p;
  });
  const width = terminalWidth() - 4;
  const parts = levels.slice(0, shown).map((text, i) => {
    const title = pc.bold(`hint ${i + 1} of ${levels.length}`);
    return `${title}\n${renderMarkdown(text, { width, color: pc.isColorSupported })}`;
  });
  const more = shown < levels.length ? pc.dim('\n(ask again for the next hint)') : '';
  return parts.join('\n\n') + more;
}

export function hint(ctx: Context, positionals: string[]): number {
  if (positionals.length > 1)
    throw new UsageError(`hint takes one exercise, got ${positionals.join(' ')}`);
  const { state, warning } = loadState(ctx.workspace);
  if (warning) ctx.err(`warning: ${warning}`);
  let ref: ExerciseRef | undefined;
  if (positionals[0]) ref = requireExercise(positionals[0]);
  else if (state.current?.exercise)
    ref = findExercise(`${state.current.concept}/${state.current.exercise}`);
  if (!ref)
    throw new UsageError(
      'no current exercise: name one (pnpm tutor hint attention/scores) or start a concept',
    );
  ctx.out(`${pc.cyan(ref.id)} ${pc.dim(ref.exercise.check.title)}\n`);
  ctx.out(nextHint(ctx, ref));
  return 0;
}
