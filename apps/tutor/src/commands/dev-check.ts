/**
 * `pnpm tutor dev check`: the curriculum checks itself. For every exercise: the untouched stub
 * is reported as not written yet, the shipped solution passes, every mistake variant fails
 * *and* is diagnosed as itself, and there is a hint. Every concept has a lesson, at least
 * three exercises and a quiz whose answers exist.
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import pc from 'picocolors';
import { allExercises, concepts, type ExerciseRef } from '../curriculum/registry.js';
import { isPending } from '../curriculum/types.js';
import type { JobResult } from '../engine/report.js';
import { runJobsParallel } from '../runner/isolate.js';
import type { Job } from '../runner/protocol.js';
import { hintLevels, lessonFile, solutionFile, stubFile } from '../workspace/files.js';
import type { Context } from './context.js';

interface Planned {
  ref: ExerciseRef;
  kind: 'stub' | 'solution' | 'mistake';
  mistake?: string;
  job: Job;
}

function judge(p: Planned, r: JobResult): string | null {
  const report = r.report;
  if (p.kind === 'stub') {
    return report.status === 'todo'
      ? null
      : `the stub should say TODO, but it ${report.status === 'pass' ? 'passes' : `is '${report.status}'`}${'message' in report ? `: ${report.message}` : ''}`;
  }
  if (p.kind === 'solution') {
    if (report.status === 'pass') return null;
    const detail =
      report.status === 'fail'
        ? report.failure.mismatch.message
        : 'message' in report
          ? report.message
          : '';
    return `the solution does not pass (${report.status}${detail ? `: ${detail}` : ''})`;
  }
  if (report.status !== 'fail')
    return `mistake '${p.mistake}' is not caught (status ${report.status})`;
  if (report.diagnosis?.id !== p.mistake) {
    return `mistake '${p.mistake}' is diagnosed as ${report.diagnosis ? `'${report.diagnosis.id}'` : 'nothing'}`;
  }
  return null;
}

function staticProblems(): string[] {
  const problems: string[] = [];
  for (const c of concepts) {
    if (isPending(c)) continue;
    if (!existsSync(lessonFile(c)) || readFileSync(lessonFile(c), 'utf8').trim() === '')
      problems.push(`${c.id}: no lesson.md`);
    if (c.exercises.length < 3)
      problems.push(`${c.id}: only ${c.exercises.length} exercises (at least 3)`);
    if (c.quiz.length < 2)
      problems.push(`${c.id}: quiz has ${c.quiz.length} questions (at least 2)`);
    c.quiz.forEach((q, i) => {
      if (!(q.answer >= 0 && q.answer < q.options.length))
        problems.push(`${c.id}: quiz question ${i + 1} has no such answer`);
      if (!q.explain) problems.push(`${c.id}: quiz question ${i + 1} has no explanation`);
    });
    const lesson = existsSync(lessonFile(c)) ? readFileSync(lessonFile(c), 'utf8') : '';
    for (const m of lesson.matchAll(/^::visual\s+(\S+)/gm)) {
      if (!c.visuals?.[m[1]])
        problems.push(`${c.id}: lesson uses visual '${m[1]}', which is not defined`);
    }
  }
  for (const ref of allExercises()) {
    if (hintLevels(ref).length === 0) problems.push(`${ref.id}: no hint.md`);
    if (!existsSync(stubFile(ref))) problems.push(`${ref.id}: no stub.ts`);
    if (!existsSync(solutionFile(ref))) problems.push(`${ref.id}: no solution.ts`);
    const check = ref.exercise.check;
    if (check.cases.length < 3) problems.push(`${ref.id}: only ${check.cases.length} cases`);
    const ids = check.mistakes.map((m) => m.id);
    if (new Set(ids).size !== ids.length) problems.push(`${ref.id}: two mistakes share an id`);
  }
  return problems;
}

export async function devCheck(ctx: Context): Promise<number> {
  const started = Date.now();
  const problems = staticProblems();
  const planned: Planned[] = allExercises().flatMap((ref) => [
    { ref, kind: 'stub' as const, job: { exercise: ref.id, source: { file: stubFile(ref) } } },
    {
      ref,
      kind: 'solution' as const,
      job: { exercise: ref.id, source: { file: solutionFile(ref) } },
    },
    ...ref.exercise.check.mistakes.map((m) => ({
      ref,
      kind: 'mistake' as const,
      mistake: m.id,
      job: { exercise: ref.id, source: { mistake: m.id } },
    })),
  ]);
  const results = await runJobsParallel(
    planned.map((p) => p.job),
    { parallel: Math.min(4, availableParallelism()) },
  );
  const byExercise = new Map<string, string[]>();
  planned.forEach((p, i) => {
    const problem = judge(p, results[i]);
    const list = byExercise.get(p.ref.id) ?? [];
    if (problem) list.push(problem);
    byExercise.set(p.ref.id, list);
  });
  let passed = 0;
  let failed = 0;
  for (const ref of allExercises()) {
    const list = [
      ...(byExercise.get(ref.id) ?? []),
      ...problems.filter((p) => p.startsWith(`${ref.id}:`)),
    ];
    const mistakes = ref.exercise.check.mistakes.length;
    if (list.length === 0) {
      passed++;
      ctx.out(
        `${pc.green('✓')} ${ref.id.padEnd(34)} ${pc.dim(`stub todo · solution passes · ${mistakes} mistake${mistakes === 1 ? '' : 's'} caught · ${hintLevels(ref).length} hints`)}`,
      );
    } else {
      failed++;
      ctx.out(`${pc.red('✗')} ${ref.id}`);
      for (const p of list) ctx.out(`    ${p}`);
    }
  }
  for (const p of problems.filter((p) => !allExercises().some((r) => p.startsWith(`${r.id}:`)))) {
    failed++;
    ctx.out(`${pc.red('✗')} ${p}`);
  }
  for (const c of concepts)
    if (isPending(c)) ctx.out(pc.dim(`· ${c.id}: not ready (${c.pending})`));
  ctx.out(
    pc.dim(
      `checked ${planned.length} implementations in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    ),
  );
  ctx.out(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}
