/** `pnpm tutor list [--json]`: every concept and exercise, done or pending, from the progress file. */
import pc from 'picocolors';
import { concepts, exerciseId } from '../curriculum/registry.js';
import { isPending } from '../curriculum/types.js';
import { exerciseFileName } from '../workspace/files.js';
import { loadState, progressOf } from '../workspace/state.js';
import { type Context, conceptRefs } from './context.js';

export function list(ctx: Context): number {
  const { state, warning } = loadState(ctx.workspace);
  if (warning) ctx.err(`warning: ${warning}`);
  if (ctx.flags.json) {
    ctx.out(
      JSON.stringify(
        {
          workspace: ctx.workspace,
          current: state.current ?? null,
          concepts: concepts.map((c) =>
            isPending(c)
              ? {
                  id: c.id,
                  title: c.title,
                  package: c.packageName,
                  ready: false,
                  note: c.pending,
                  exercises: [],
                }
              : {
                  id: c.id,
                  title: c.title,
                  package: c.packageName,
                  ready: true,
                  quiz: state.quizzes[c.id] ?? null,
                  exercises: c.exercises.map((e) => ({
                    id: exerciseId(c, e),
                    title: e.check.title,
                    status: progressOf(state, exerciseId(c, e)).status,
                  })),
                },
          ),
        },
        null,
        2,
      ),
    );
    return 0;
  }
  let done = 0;
  let total = 0;
  for (const c of concepts) {
    if (isPending(c)) {
      ctx.out(
        `${pc.dim('·')} ${pc.bold(c.id.padEnd(14))} ${c.title} ${pc.dim(`(not ready yet: ${c.pending})`)}`,
      );
      continue;
    }
    const refs = conceptRefs(c);
    const passed = refs.filter((r) => progressOf(state, r.id).status === 'passed').length;
    done += passed;
    total += refs.length;
    const quiz = state.quizzes[c.id];
    const quizText = quiz ? pc.dim(`  quiz ${quiz.correct}/${quiz.total}`) : '';
    const mark = passed === refs.length ? pc.green('✓') : passed > 0 ? pc.yellow('◐') : pc.dim('○');
    ctx.out(
      `${mark} ${pc.bold(c.id.padEnd(14))} ${c.title} ${pc.dim(`${passed}/${refs.length}`)}${quizText}`,
    );
    for (const r of refs) {
      const p = progressOf(state, r.id);
      const here = state.current?.concept === c.id && state.current.exercise === r.exercise.name;
      const status = p.status === 'passed' ? pc.green('✓ done   ') : pc.dim('○ pending');
      const pointer = here ? pc.cyan('▸') : ' ';
      ctx.out(
        `  ${pointer} ${status} ${exerciseFileName(r).replace(/\.ts$/, '').padEnd(22)} ${pc.dim(r.exercise.check.title)}`,
      );
    }
  }
  ctx.out(pc.dim(`${done} of ${total} exercises done · workspace ${ctx.workspace}`));
  return 0;
}
