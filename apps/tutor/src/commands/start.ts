/** `pnpm tutor start [concept]`: the lesson, the files, then the watch loop. */
import { intro, log, outro } from '@clack/prompts';
import pc from 'picocolors';
import { UsageError } from '../args.js';
import { findConcept } from '../curriculum/registry.js';
import { type ConceptDef, isPending } from '../curriculum/types.js';
import { fileLink, terminalWidth } from '../ui/term.js';
import { prepareWorkspace, writeExerciseFiles } from '../workspace/files.js';
import { loadState, progressOf, updateState } from '../workspace/state.js';
import { type Context, conceptRefs, requireConcept, requireTerminal } from './context.js';
import { renderLesson, writeConceptReadme } from './lesson.js';
import { runSession } from './session.js';

/** Where to resume in a concept: the remembered exercise, else the first one not passed. */
export function resumeIndex(ctx: Context, concept: ConceptDef): number {
  const { state } = loadState(ctx.workspace);
  const refs = conceptRefs(concept);
  if (state.current?.concept === concept.id && state.current.exercise) {
    const i = refs.findIndex((r) => r.exercise.name === state.current?.exercise);
    if (i >= 0) return i;
  }
  const firstPending = refs.findIndex((r) => progressOf(state, r.id).status !== 'passed');
  return Math.max(firstPending, 0);
}

/** Opens a concept: files, lesson (in full the first time), then the watch loop. Returns the next concept, if any. */
export async function openConcept(ctx: Context, concept: ConceptDef): Promise<string | undefined> {
  const refs = conceptRefs(concept);
  prepareWorkspace(ctx.workspace);
  const created = writeExerciseFiles(ctx.workspace, refs);
  writeConceptReadme(ctx.workspace, concept, refs);
  const { state } = loadState(ctx.workspace);
  const seen = state.lessonsSeen.includes(concept.id);
  if (!seen) {
    ctx.out(renderLesson(concept, { width: terminalWidth() - 2, color: pc.isColorSupported }));
    updateState(ctx.workspace, (s) => {
      if (!s.lessonsSeen.includes(concept.id)) s.lessonsSeen.push(concept.id);
    });
  } else {
    const done = refs.filter((r) => progressOf(state, r.id).status === 'passed').length;
    log.info(
      `Welcome back to ${concept.title}: ${done} of ${refs.length} done. Press m to read the lesson again.`,
    );
  }
  const folder = fileLink(`${ctx.workspace}/${concept.id}`, { from: ctx.from });
  log.message(
    `${created.length > 0 ? `Wrote ${created.length} exercise files` : 'Your exercise files are'} in ${folder}` +
      pc.dim('\nOpen them in your editor; each save is checked here.'),
  );
  const end = await runSession(ctx, concept, resumeIndex(ctx, concept));
  return end.next;
}

export async function start(ctx: Context, positionals: string[]): Promise<number> {
  if (positionals.length > 1)
    throw new UsageError(`start takes one concept, got ${positionals.join(' ')}`);
  let concept: ConceptDef | undefined;
  if (positionals[0]) concept = requireConcept(positionals[0]);
  requireTerminal(ctx, 'pnpm tutor start');
  const { state, warning } = loadState(ctx.workspace);
  if (!concept) {
    const remembered = state.current ? findConcept(state.current.concept) : undefined;
    concept = remembered && !isPending(remembered) ? remembered : requireConcept('tensor');
  }
  intro(pc.inverse(` xf tutor · ${concept.title} `));
  if (warning) log.warn(warning);
  let next: string | undefined = concept.id;
  while (next) {
    next = await openConcept(ctx, requireConcept(next));
  }
  outro(
    `Progress saved in ${fileLink(ctx.workspace, { from: ctx.from })}. Resume with pnpm tutor start`,
  );
  return 0;
}
