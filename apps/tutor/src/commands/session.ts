/**
 * The watch loop of `start`: shows the current exercise, checks a file each time it is saved,
 * and answers keys (next, previous, hint, re-run, list, solution, lesson, quit). Moving on is
 * the learner's choice: a pass says so and waits for `n`.
 */
import { confirm, isCancel, log } from '@clack/prompts';
import pc from 'picocolors';
import { concepts, type ExerciseRef } from '../curriculum/registry.js';
import { type ConceptDef, isPending } from '../curriculum/types.js';
import { toleranceText } from '../engine/compare.js';
import { killChildren, runJobs } from '../runner/isolate.js';
import { listenKeys } from '../ui/keys.js';
import { formatReport } from '../ui/report.js';
import { fileLink, terminalWidth } from '../ui/term.js';
import { watchFiles } from '../ui/watch.js';
import { exerciseFile } from '../workspace/files.js';
import { loadState, progressOf, recordAttempt, updateState } from '../workspace/state.js';
import { type Context, conceptRefs } from './context.js';
import { nextHint } from './hint.js';
import { renderLesson } from './lesson.js';
import { runQuiz } from './quiz.js';
import { revealSolution } from './solution.js';

export interface SessionEnd {
  /** A concept to continue with, when the learner chose to. */
  next?: string;
}

const KEYS = `keys: ${[
  'n next',
  'p previous',
  'h hint',
  'r re-run',
  'l list',
  's solution',
  'm lesson',
  'q quit',
]
  .map((k) => `${pc.bold(k[0])}${k.slice(1)}`)
  .join(pc.dim(' · '))}`;

export function exerciseCard(ctx: Context, ref: ExerciseRef, total: number): string {
  const check = ref.exercise.check;
  const file = fileLink(exerciseFile(ctx.workspace, ref), { from: ctx.from });
  const fns = check.functions.map((f) => pc.cyan(f)).join(', ');
  const width = terminalWidth() - 14;
  let cases = check.cases.map((c) => c.label).join(' · ');
  if (cases.length > width) cases = `${cases.slice(0, width - 1)}…`;
  return [
    `${pc.bold(`${ref.concept.id} ${ref.index + 1}/${total}`)}  ${check.title}`,
    `${pc.dim('write   ')} ${fns} in ${file}`,
    `${pc.dim('against ')} ${check.reference}`,
    `${pc.dim('cases   ')} ${check.cases.length}: ${cases}`,
    `${pc.dim('within  ')} ${toleranceText(check.tolerance)}`,
  ].join('\n');
}

export function runSession(
  ctx: Context,
  concept: ConceptDef,
  startIndex: number,
): Promise<SessionEnd> {
  const refs = conceptRefs(concept);
  const files = refs.map((r) => exerciseFile(ctx.workspace, r));
  let index = startIndex;
  let prompting = false;
  let running = false;
  const queue: number[] = [];
  let finish: (end: SessionEnd) => void = () => {};
  const ended = new Promise<SessionEnd>((resolve) => {
    finish = resolve;
  });

  const out = (text: string) => ctx.out(text);
  const footer = () => out(pc.dim(KEYS));
  const setCurrent = (i: number) => {
    index = i;
    updateState(ctx.workspace, (s) => {
      s.current = { concept: concept.id, exercise: refs[i].exercise.name };
    });
  };

  const check = async (i: number) => {
    const ref = refs[i];
    out(pc.dim(`… checking ${fileLink(files[i], { from: ctx.from })}`));
    const [result] = await runJobs([{ exercise: ref.id, source: { file: files[i] } }], {
      cwd: ctx.workspace,
    });
    const passed = result.report.status === 'pass';
    const before = progressOf(loadState(ctx.workspace).state, ref.id).status;
    updateState(ctx.workspace, (s) => recordAttempt(s, ref.id, passed));
    out(formatReport(result, { file: files[i], check: ref.exercise.check, from: ctx.from }));
    if (passed && i === index) {
      const last = index === refs.length - 1;
      const firstTime = before !== 'passed' ? pc.green('Well done. ') : '';
      out(
        `${firstTime}${last ? 'That was the last exercise: press n for a few questions.' : 'Press n for the next exercise when you are ready.'}`,
      );
    } else if (i !== index) {
      out(pc.dim(`(that was ${ref.id}; you are on ${refs[index].id})`));
    }
    footer();
  };

  const drain = async () => {
    if (running) return;
    running = true;
    while (queue.length > 0 && !prompting) {
      const i = queue.shift()!;
      await check(i);
    }
    running = false;
  };
  const enqueue = (i: number) => {
    if (i < 0 || queue.includes(i)) return;
    queue.push(i);
    void drain();
  };

  const keys = listenKeys(process.stdin, (k) => onKey(k));
  const withPrompt = async (fn: () => Promise<void>) => {
    prompting = true;
    keys.pause();
    try {
      await fn();
    } finally {
      prompting = false;
      keys.resume();
      void drain();
    }
  };

  const showExercise = (i: number) => {
    setCurrent(i);
    log.step(exerciseCard(ctx, refs[i], refs.length));
    enqueue(i);
  };

  const listExercises = () => {
    const { state } = loadState(ctx.workspace);
    const lines = refs.map((r, i) => {
      const done = progressOf(state, r.id).status === 'passed';
      const mark = done ? pc.green('✓') : pc.dim('○');
      const pointer = i === index ? pc.cyan('▸') : ' ';
      return `${pointer} ${mark} ${i + 1}. ${r.exercise.check.title}  ${pc.dim(fileLink(files[i], { from: ctx.from }))}`;
    });
    out(lines.join('\n'));
    footer();
  };

  const endOfConcept = async () => {
    const { state } = loadState(ctx.workspace);
    const pending = refs.filter((r) => progressOf(state, r.id).status !== 'passed');
    if (pending.length > 0) log.warn(`still to pass: ${pending.map((r) => r.id).join(', ')}`);
    const take = await confirm({
      message: `Answer ${concept.quiz.length} questions on ${concept.title.toLowerCase()}?`,
    });
    if (isCancel(take)) return;
    if (take) await runQuiz(ctx, concept);
    const position = concepts.findIndex((c) => c.id === concept.id);
    const following = concepts.slice(position + 1).find((c) => !isPending(c));
    if (!following) {
      log.success('That is the end of the curriculum so far.');
      footer();
      return;
    }
    const go = await confirm({
      message: `Go on to ${following.title} (pnpm tutor start ${following.id})?`,
    });
    if (!isCancel(go) && go) finish({ next: following.id });
    else footer();
  };

  const onKey = (k: string) => {
    if (prompting) return;
    switch (k) {
      case 'q':
      case 'quit':
        finish({});
        return;
      case 'n':
        if (index < refs.length - 1) showExercise(index + 1);
        else void withPrompt(endOfConcept);
        return;
      case 'p':
        if (index > 0) showExercise(index - 1);
        else out(pc.dim('this is the first exercise'));
        return;
      case 'h':
        out(nextHint(ctx, refs[index]));
        footer();
        return;
      case 'r':
      case 'enter':
        enqueue(index);
        return;
      case 'l':
        listExercises();
        return;
      case 's':
        void withPrompt(async () => {
          const text = await revealSolution(ctx, refs[index]);
          out(text ?? pc.dim('not shown'));
          footer();
        });
        return;
      case 'm':
        out(renderLesson(concept, { width: terminalWidth() - 2, color: pc.isColorSupported }));
        footer();
        return;
      case '?':
        footer();
        return;
    }
  };

  const watcher = watchFiles(files, (file) => enqueue(files.indexOf(file)), {
    poll: ctx.flags.poll,
    onFallback: (why) =>
      log.warn(`watching files failed (${why}); checking for changes every 0.5 s instead`),
  });
  showExercise(index);
  if (watcher.mode === 'poll') out(pc.dim('(polling for changes every 0.5 s)'));

  return ended.then((end) => {
    watcher.close();
    keys.close();
    killChildren();
    return end;
  });
}
