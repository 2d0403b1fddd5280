/** `pnpm tutor` with no command: continue, pick a concept, see progress, take a quiz. */
import { intro, isCancel, log, outro, select } from '@clack/prompts';
import pc from 'picocolors';
import { concepts, findConcept } from '../curriculum/registry.js';
import { type ConceptDef, isPending } from '../curriculum/types.js';
import { loadState, progressOf } from '../workspace/state.js';
import { type Context, conceptRefs, requireConcept, requireTerminal } from './context.js';
import { list } from './list.js';
import { runQuiz } from './quiz.js';
import { openConcept } from './start.js';

async function pickConcept(
  ctx: Context,
  message: string,
  needQuiz = false,
): Promise<ConceptDef | undefined> {
  const { state } = loadState(ctx.workspace);
  const choice = await select({
    message,
    options: concepts.map((c) => {
      if (isPending(c))
        return { value: c.id, label: c.title, hint: 'not ready yet', disabled: true };
      const refs = conceptRefs(c);
      const done = refs.filter((r) => progressOf(state, r.id).status === 'passed').length;
      return {
        value: c.id,
        label: c.title,
        hint: needQuiz ? `${c.quiz.length} questions` : `${done}/${refs.length} done`,
      };
    }),
  });
  if (isCancel(choice)) return undefined;
  return requireConcept(choice);
}

export async function menu(ctx: Context): Promise<number> {
  requireTerminal(ctx, 'the menu');
  intro(pc.inverse(' xf tutor '));
  const { state, warning } = loadState(ctx.workspace);
  if (warning) log.warn(warning);
  for (;;) {
    const current = state.current ? findConcept(state.current.concept) : undefined;
    const options: { value: string; label: string; hint?: string }[] = [];
    if (current && !isPending(current)) {
      options.push({
        value: 'continue',
        label: `Continue ${current.title}`,
        hint: state.current?.exercise,
      });
    }
    options.push(
      {
        value: 'start',
        label: current ? 'Start another concept' : 'Start learning',
        hint: current ? undefined : 'begin with tensors and autograd',
      },
      { value: 'list', label: 'See progress' },
      { value: 'quiz', label: 'Answer the questions of a concept' },
      { value: 'quit', label: 'Quit' },
    );
    const action = await select({ message: 'What next?', options });
    if (isCancel(action) || action === 'quit') break;
    if (action === 'list') {
      list(ctx);
      continue;
    }
    if (action === 'quiz') {
      const concept = await pickConcept(ctx, 'Which concept?', true);
      if (concept) await runQuiz(ctx, concept);
      continue;
    }
    let concept: ConceptDef | undefined =
      action === 'continue' && current && !isPending(current)
        ? current
        : await pickConcept(ctx, 'Which concept?');
    while (concept) {
      const next = await openConcept(ctx, concept);
      concept = next ? requireConcept(next) : undefined;
    }
    break;
  }
  outro('See you. pnpm tutor start resumes where you left off.');
  return 0;
}
