/** Running the built CLI in a child process, and temporary run directories. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI = join(APP, 'dist', 'cli.js');

if (!existsSync(CLI)) {
  throw new Error(
    `${CLI} is missing: build the playground first (pnpm --filter @xf/playground build)`,
  );
}

export const tempDir = (prefix = 'xf-playground-'): string => mkdtempSync(join(tmpdir(), prefix));

/** The environment the CLI runs in: no colour, no TTY tricks, no inherited backend choice. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete e.FORCE_COLOR;
  delete e.XF_BACKEND;
  delete e.npm_lifecycle_event;
  delete e.INIT_CWD;
  return { ...e, ...extra };
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): RunResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? APP,
    env: cliEnv(options.env),
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function startCli(args: string[], options: { cwd?: string } = {}): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? APP,
    env: cliEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Settings small enough that any preset trains a few steps in seconds. */
export const TINY = [
  '--layers',
  '1',
  '--heads',
  '2',
  '--embd',
  '16',
  '--batch',
  '4',
  '--block',
  '8',
];

export function readJsonLines(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** A failure the user can act on: one line on stderr, no stack trace. */
export function expectOneLine(r: RunResult): string {
  const lines = r.stderr.trim().split('\n');
  if (lines.length !== 1 || /\n\s+at /.test(r.stderr)) {
    throw new Error(`expected one line on stderr, got:\n${r.stderr}`);
  }
  return lines[0];
}
