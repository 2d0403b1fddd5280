/** Ctrl-C during training: the CLI finishes the step, saves a checkpoint and exits cleanly. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsonLines, runCli, startCli, TINY, tempDir } from './helpers.js';

/** Resolves once the file exists and holds at least `lines` lines. */
async function waitForLines(path: string, lines: number, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (existsSync(path) && readFileSync(path, 'utf8').split('\n').filter(Boolean).length >= lines)
      return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${path} did not reach ${lines} lines in ${timeoutMs} ms`);
}

/** Starts a long run, sends SIGINT once a few steps are logged, and collects what it printed. */
async function interrupt(out: string, extra: string[] = []) {
  // checkpoints every 1000 steps: a checkpoint found afterwards can only come from the interrupt
  const child = startCli(
    ['train', '--preset', 'names', ...TINY, '--steps', '100000', '--out', out, ...extra].concat([
      '--checkpoint-every',
      '1000',
      '--eval-every',
      '1000',
    ]),
  );
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await waitForLines(join(out, 'metrics.jsonl'), 3);
  child.kill('SIGINT');
  return { code: await exited, stdout, stderr };
}

describe('SIGINT', () => {
  it('saves a checkpoint of the current step and exits cleanly', async () => {
    const out = tempDir();
    const { code, stdout, stderr } = await interrupt(out);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Ctrl-C: finishing this step and saving a checkpoint/);
    expect(stdout).toMatch(/stopped at step \d+; checkpoint saved in /);
    expect(stdout).toContain(`continue with: pnpm playground train --resume ${out}`);
    const records = readJsonLines(join(out, 'metrics.jsonl'));
    const last = records[records.length - 1].step as number;
    expect(last).toBeGreaterThanOrEqual(3);
    expect(readJsonLines(join(out, 'latest.json'))[0]).toMatchObject({ step: last });

    // and the saved run is usable and resumable
    expect(runCli(['sample', '--from', out, '-n', '2']).status).toBe(0);
    const resumed = runCli(['train', '--resume', out, '--steps', String(last + 2), '--json']);
    expect(resumed.status).toBe(0);
    expect(JSON.parse(resumed.stdout).step).toBe(last + 2);
  });

  it('with --json, prints only the summary, which says it was interrupted', async () => {
    const out = tempDir();
    const { code, stdout, stderr } = await interrupt(out, ['--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({ preset: 'names', stopReason: 'interrupted', out });
    expect(readJsonLines(join(out, 'latest.json'))[0]).toMatchObject({ step: summary.step });
  });
});
