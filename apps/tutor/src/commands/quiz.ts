/** The questions at the end of a concept: multiple choice, with the reason for the right answer. */
import { isCancel, log, select } from '@clack/prompts';
import pc from 'picocolors';
import type { ConceptDef } from '../curriculum/types.js';
import { wrap } from '../ui/report.js';
import { terminalWidth } from '../ui/term.js';
import { updateState } from '../workspace/state.js';
import type { Context } from './context.js';

/** Returns false when the learner cancelled. */
export async function runQuiz(ctx: Context, concept: ConceptDef): Promise<boolean> {
  log.step(pc.bold(`${concept.title}: ${concept.quiz.length} questions`));
  let correct = 0;
  for (const [i, q] of concept.quiz.entries()) {
    const answer = await select({
      message: `${i + 1}/${concept.quiz.length}  ${q.question}`,
      options: q.options.map((label, value) => ({ value, label })),
    });
    if (isCancel(answer)) {
      log.warn('quiz stopped');
      return false;
    }
    const width = terminalWidth() - 6;
    if (answer === q.answer) {
      correct++;
      log.success(`${pc.green('Right.')} ${wrap(q.explain, width).join('\n')}`);
    } else {
      const text = `the answer is "${q.options[q.answer]}". ${q.explain}`;
      log.error(`${pc.red('Not quite:')} ${wrap(text, width - 11).join('\n')}`);
    }
  }
  updateState(ctx.workspace, (state) => {
    state.quizzes[concept.id] = {
      correct,
      total: concept.quiz.length,
      at: new Date().toISOString(),
    };
  });
  log.info(`${correct} of ${concept.quiz.length} right`);
  return true;
}
