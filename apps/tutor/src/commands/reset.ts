/** `pnpm tutor reset <exercise>`: the starting file again; the learner's is kept as a backup. */
import pc from 'picocolors';
import { UsageError } from '../args.js';
import { fileLink } from '../ui/term.js';
import { exerciseFile, prepareWorkspace, resetExerciseFile } from '../workspace/files.js';
import { loadState, progressOf, updateState } from '../workspace/state.js';
import { type Context, requireExercise } from './context.js';

export function reset(ctx: Context, positionals: string[]): number {
  if (positionals.length !== 1)
    throw new UsageError('reset needs one exercise, as in pnpm tutor reset attention/scores');
  const ref = requireExercise(positionals[0]);
  const { warning } = loadState(ctx.workspace);
  if (warning) ctx.err(`warning: ${warning}`);
  prepareWorkspace(ctx.workspace);
  const backup = resetExerciseFile(ctx.workspace, ref);
  updateState(ctx.workspace, (state) => {
    const p = progressOf(state, ref.id);
    p.status = 'pending';
    delete p.passedAt;
    state.exercises[ref.id] = p;
  });
  ctx.out(
    `${pc.green('✓')} ${ref.id}: ${fileLink(exerciseFile(ctx.workspace, ref), { from: ctx.from })} is the starting file again`,
  );
  if (backup) ctx.out(pc.dim(`  your version is kept at ${fileLink(backup, { from: ctx.from })}`));
  return 0;
}
