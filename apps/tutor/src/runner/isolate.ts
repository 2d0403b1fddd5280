/**
 * Runs jobs in a child process with a time limit per job. Learner code can loop forever,
 * call process.exit or run out of memory: the tutor only sees a result, a timeout or a crash,
 * and keeps running. Jobs left after a timeout or crash go to a fresh child.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { JobResult } from '../engine/report.js';
import type { ChildMessage, Job } from './protocol.js';

export interface RunOptions {
  /** Per job, in milliseconds (default: XF_TUTOR_TIMEOUT_MS or 10 s). */
  timeoutMs?: number;
  /** Working directory of the child (the workspace). */
  cwd?: string;
}

const live = new Set<ChildProcess>();

/** Stops every child still running (the tutor is quitting; a learner's endless loop must not outlive it). */
export function killChildren(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
}
process.on('exit', killChildren);

export function defaultTimeoutMs(): number {
  const fromEnv = Number(process.env.XF_TUTOR_TIMEOUT_MS);
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 10_000;
}

/** The child entry beside this module: child.js when built, child.ts under tsx or vitest. */
function childEntry(): URL {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./child${ext}`, import.meta.url);
}

function tsxLoader(): string {
  const require = createRequire(import.meta.url);
  return pathToFileURL(require.resolve('tsx')).href;
}

/** Runs the jobs, in order, in as few child processes as it can. */
export async function runJobs(jobs: Job[], options: RunOptions = {}): Promise<JobResult[]> {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs();
  const results: JobResult[] = [];
  while (results.length < jobs.length) {
    const batch = jobs.slice(results.length);
    const got = await runBatch(batch, timeoutMs, options.cwd);
    results.push(...got);
  }
  return results;
}

/** Runs jobs until they are done or one of them times out or crashes (that one gets a result too). */
function runBatch(jobs: Job[], timeoutMs: number, cwd: string | undefined): Promise<JobResult[]> {
  return new Promise((resolve) => {
    const results: JobResult[] = [];
    let current = -1;
    let timer: NodeJS.Timeout | undefined;
    let stderr = '';
    let settled = false;
    let started = Date.now();
    const child: ChildProcess = fork(childEntry(), [], {
      execArgv: [
        '--import',
        tsxLoader(),
        '--enable-source-maps',
        '--no-warnings',
        '--max-old-space-size=2048',
      ],
      cwd,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // structured clone keeps NaN and Infinity, which JSON would turn into null
      serialization: 'advanced',
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    live.add(child);
    child.stdout?.resume();
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(results);
    };
    const failCurrent = (result: JobResult['report']) => {
      const index = Math.max(current, results.length);
      if (index < jobs.length && results.length === index) {
        results.push({ exercise: jobs[index].exercise, report: result, ms: Date.now() - started });
      }
      finish();
    };
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'start') {
        current = message.index;
        started = Date.now();
        clearTimeout(timer);
        timer = setTimeout(() => {
          failCurrent({ status: 'timeout', ms: timeoutMs });
          child.kill('SIGKILL');
        }, timeoutMs);
      } else if (message.type === 'result') {
        clearTimeout(timer);
        results.push(message.result);
      } else if (message.type === 'done') {
        finish();
      }
    });
    child.on('exit', (code, signal) => {
      live.delete(child);
      if (settled) return;
      const tail = stderr.trim().split('\n').slice(-6).join('\n');
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      const oom = /heap out of memory/i.test(stderr) ? ' (out of memory)' : '';
      failCurrent({
        status: 'crash',
        message: `the process running your code ${how}${oom}: did it call process.exit?${tail ? `\n${tail}` : ''}`,
      });
    });
    child.on('error', (e) => failCurrent({ status: 'crash', message: e.message }));
    // a generous limit for starting the child itself (loading tsx and the packages)
    timer = setTimeout(() => {
      failCurrent({ status: 'crash', message: 'the checker did not start in time' });
      child.kill('SIGKILL');
    }, timeoutMs + 30_000);
    child.send({ jobs });
  });
}

/** Runs the jobs in up to `parallel` children at once; results come back in job order. */
export async function runJobsParallel(
  jobs: Job[],
  options: RunOptions & { parallel?: number } = {},
): Promise<JobResult[]> {
  const parallel = Math.max(1, Math.min(options.parallel ?? 2, jobs.length));
  if (parallel <= 1) return runJobs(jobs, options);
  const size = Math.ceil(jobs.length / parallel);
  const groups = Array.from({ length: parallel }, (_, i) =>
    jobs.slice(i * size, (i + 1) * size),
  ).filter((g) => g.length > 0);
  const results = await Promise.all(groups.map((g) => runJobs(g, options)));
  return results.flat();
}
