/**
 * Crash safety with real processes: a training child killed with SIGKILL mid-run, or in the
 * middle of writing a checkpoint, resumes from its directory to the same losses, bit for bit,
 * as a run that was never interrupted.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { train } from '../src/index.js';
import { loadCheckpoint, readMetrics, type SaveStage, saveCheckpoint } from '../src/node/index.js';
import { CHECKPOINT_INTERVAL, lmRun, MAX_STEPS } from './fixtures/lmRun.js';

const here = dirname(fileURLToPath(import.meta.url));
const child = join(here, 'fixtures', 'train-child.ts');

interface ChildRun {
  losses: Map<number, number>;
  checkpoints: number[];
  done: boolean;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs the training child; with killAfterCheckpoint, sends SIGKILL once it reports that checkpoint. */
function runChild(dir: string, flags: string[], killAfterCheckpoint?: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const proc: ChildProcess = spawn(process.execPath, ['--import', 'tsx', child, dir, ...flags], {
      cwd: join(here, '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run: ChildRun = {
      losses: new Map(),
      checkpoints: [],
      done: false,
      signal: null,
      stderr: '',
    };
    let buffered = '';
    proc.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const event = JSON.parse(line);
        if (event.event === 'step') {
          run.losses.set(event.step, event.loss);
        }
        if (event.event === 'done') {
          run.done = true;
        }
        if (event.event === 'checkpoint') {
          run.checkpoints.push(event.step);
          if (killAfterCheckpoint !== undefined && event.step >= killAfterCheckpoint) {
            proc.kill('SIGKILL');
          }
        }
      }
    });
    proc.stderr!.on('data', (chunk: Buffer) => {
      run.stderr += chunk.toString();
    });
    proc.on('error', reject);
    proc.on('close', (_code, signal) => {
      run.signal = signal;
      resolve(run);
    });
  });
}

const dirs: string[] = [];
const fresh = () => {
  const d = mkdtempSync(join(tmpdir(), 'xf-resume-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) {
    rmSync(d, { recursive: true, force: true });
  }
});

/** The uninterrupted run, in this process. */
let straight: number[] = [];
beforeAll(async () => {
  const losses: number[] = [];
  await train({ ...lmRun(), onStep: (e) => void losses.push(e.loss) });
  straight = losses;
}, 60_000);

const after = (run: ChildRun, from: number) =>
  [...run.losses.entries()].filter(([step]) => step > from).map(([, loss]) => loss);

describe('resume after a kill', () => {
  it('a run killed mid-run resumes to the uninterrupted losses', async () => {
    const uninterrupted = await runChild(fresh(), []);
    expect(uninterrupted.stderr).toBe('');
    expect(uninterrupted.done).toBe(true);
    expect(after(uninterrupted, 0)).toEqual(straight); // another process, the same numbers

    const dir = fresh();
    const killed = await runChild(dir, ['--slow'], 15);
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.done).toBe(false);
    expect(after(killed, 0)).toEqual(straight.slice(0, killed.losses.size));

    const checkpoint = loadCheckpoint(dir);
    expect(checkpoint.step).toBeGreaterThanOrEqual(15);
    expect(checkpoint.step).toBeLessThan(MAX_STEPS);
    const resumed = await runChild(dir, ['--resume']);
    expect(resumed.done).toBe(true);
    expect(after(resumed, 0)).toEqual(straight.slice(checkpoint.step));
    // the metrics log reads like one run: each step once, with the uninterrupted losses
    const records = readMetrics(join(dir, 'metrics.jsonl'));
    expect(records.map((r) => r.step)).toEqual(straight.map((_, i) => i + 1));
    expect(records.map((r) => r.loss)).toEqual(straight);
  }, 120_000);

  const stages: SaveStage[] = ['files-written', 'directory-renamed', 'pointer-staged'];
  it.each(stages)(
    'a kill during a save (%s) leaves the previous checkpoint, which resumes exactly',
    async (stage) => {
      const dir = fresh();
      const crashAt = 2 * CHECKPOINT_INTERVAL;
      const crashed = await runChild(dir, ['--crash-at', String(crashAt), stage]);
      expect(crashed.signal).toBe('SIGKILL');
      expect(crashed.checkpoints).toEqual([CHECKPOINT_INTERVAL]);

      const checkpoint = loadCheckpoint(dir);
      expect(checkpoint.step).toBe(CHECKPOINT_INTERVAL);
      const losses: number[] = [];
      await train({
        ...lmRun(),
        resumeFrom: checkpoint,
        checkpointInterval: CHECKPOINT_INTERVAL,
        onCheckpoint: (c) => void saveCheckpoint(dir, c),
        onStep: (e) => void losses.push(e.loss),
      });
      expect(losses).toEqual(straight.slice(CHECKPOINT_INTERVAL));
      expect(loadCheckpoint(dir).step).toBe(MAX_STEPS);
      const left = readdirSync(dir).filter((e) => e !== 'metrics.jsonl');
      expect(left.sort()).toEqual([
        'latest.json',
        `step-${String(MAX_STEPS - CHECKPOINT_INTERVAL).padStart(8, '0')}`,
        `step-${String(MAX_STEPS).padStart(8, '0')}`,
      ]);
    },
    120_000,
  );
});
