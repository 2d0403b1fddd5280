/**
 * The child process that runs learner code. It is started with tsx's loader, so it imports
 * TypeScript files directly; it runs each job's check on the js backend and sends the result
 * back over IPC. The parent enforces the time limit by killing it.
 */
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { setBackend } from '@xf/tensor';
import { findExercise } from '../curriculum/registry.js';
import type { CheckReport, JobResult } from '../engine/report.js';
import { errorMessage, runCheck } from '../engine/run-check.js';
import type { Impl } from '../engine/types.js';
import { locateError } from './locate.js';
import type { ChildMessage, ChildRequest, Job } from './protocol.js';

const MAX_CONSOLE = 4000;
let captured = '';

function capture(...args: unknown[]): void {
  if (captured.length < MAX_CONSOLE) captured += `${format(...args)}\n`;
}
for (const name of ['log', 'info', 'warn', 'error', 'debug'] as const) console[name] = capture;

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => process.send!(message, undefined, {}, () => resolve()));
}

async function runJob(job: Job): Promise<CheckReport> {
  const ref = findExercise(job.exercise);
  if (!ref) return { status: 'crash', message: `unknown exercise ${job.exercise}` };
  const check = ref.exercise.check;
  if ('mistake' in job.source) {
    const name = job.source.mistake;
    const mistake = check.mistakes.find((m) => m.id === name);
    if (!mistake) return { status: 'crash', message: `unknown mistake ${name}` };
    return runCheck(check, mistake.impl as Impl);
  }
  const file = job.source.file;
  let impl: Impl;
  try {
    impl = (await import(pathToFileURL(file).href)) as Impl;
  } catch (e) {
    return { status: 'load-error', message: errorMessage(e), location: locateError(e, file) };
  }
  return runCheck(check, impl, (e) => locateError(e, file));
}

process.on('message', async (request: ChildRequest) => {
  setBackend('js');
  for (let index = 0; index < request.jobs.length; index++) {
    await send({ type: 'start', index });
    captured = '';
    const started = performance.now();
    let report: CheckReport;
    try {
      report = await runJob(request.jobs[index]);
    } catch (e) {
      report = { status: 'crash', message: `the check itself failed: ${errorMessage(e)}` };
    }
    const result: JobResult = {
      exercise: request.jobs[index].exercise,
      report,
      ms: Math.round(performance.now() - started),
      ...(captured ? { consoleOutput: captured.slice(0, MAX_CONSOLE) } : {}),
    };
    await send({ type: 'result', index, result });
  }
  await send({ type: 'done' });
  process.disconnect();
});
