/** The built CLI as a script or CI would run it: no terminal, exit codes, one-line errors, JSON. */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conceptRefs } from '../src/commands/context.js';
import { concepts } from '../src/curriculum/registry.js';
import { isPending } from '../src/curriculum/types.js';
import { exerciseFile, solutionFile } from '../src/workspace/files.js';
import { cli, tempDir, tutorEnv } from './helpers.js';

function tutor(args: string[], options: { cwd?: string } = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: tutorEnv(),
    cwd: options.cwd,
    input: '',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A workspace with the shipped solutions of a concept in the learner's places. */
function solvedWorkspace(concept: string): string {
  const ws = tempDir();
  const c = concepts.find((x) => x.id === concept)!;
  if (isPending(c)) throw new Error('pending');
  for (const ref of conceptRefs(c)) {
    mkdirSync(join(ws, concept), { recursive: true });
    copyFileSync(solutionFile(ref), exerciseFile(ws, ref));
  }
  return ws;
}

const oneLine = (s: string) => s.trim().split('\n').length === 1;

describe('without a terminal', () => {
  it('start and the menu say they need one, in one line, and point to verify', () => {
    for (const args of [['start', 'attention'], []]) {
      const r = tutor([...args, '-w', tempDir()]);
      expect(r.code).toBe(2);
      expect(oneLine(r.stderr)).toBe(true);
      expect(r.stderr).toMatch(/needs a terminal.*pnpm tutor verify/);
    }
  });

  it('bad arguments get one clear line and a non-zero exit, never a stack trace', () => {
    for (const args of [
      ['start', 'nonsense'],
      ['verify', 'attention', '--frob'],
      ['reset'],
      ['frob'],
      ['verify', 'attention/nope'],
    ]) {
      const r = tutor(args);
      expect(r.code).toBe(2);
      expect(oneLine(r.stderr)).toBe(true);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(tutor(['start', 'nonsense']).stderr).toMatch(/unknown concept 'nonsense'/);
  });

  it('refuses to show an unpassed solution without a confirmation', () => {
    const r = tutor(['solution', 'attention/scores', '-w', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not passed yet/);
  });
});

describe('verify', () => {
  it('passes the shipped solutions of every concept, with --json', () => {
    for (const c of concepts) {
      if (isPending(c)) continue;
      const ws = solvedWorkspace(c.id);
      const r = tutor(['verify', c.id, '--json', '-w', ws]);
      const out = JSON.parse(r.stdout);
      expect({
        concept: c.id,
        ok: out.ok,
        failed: out.results.filter((x: { passed: boolean }) => !x.passed),
      }).toEqual({
        concept: c.id,
        ok: true,
        failed: [],
      });
      expect(r.code).toBe(0);
      // the passes are recorded
      const state = JSON.parse(readFileSync(join(ws, '.xf-tutor', 'state.json'), 'utf8'));
      expect(
        Object.values(state.exercises).every((e) => (e as { status: string }).status === 'passed'),
      ).toBe(true);
    }
  }, 180_000);

  it('fails with exit 1 on a missing or wrong file, and says why', () => {
    const ws = solvedWorkspace('attention');
    const file = join(ws, 'attention', '01-scores.ts');
    writeFileSync(
      file,
      "import { matmul, type Tensor, transpose } from '@xf/tensor';\nexport const scores = (q: Tensor, k: Tensor) => matmul(q, transpose(k, -2, -1));\n",
    );
    const human = tutor(['verify', 'attention/scores', '-w', ws]);
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(/looks like: no 1\/√d_k/);
    expect(human.stdout).toMatch(/0 passed, 1 failed/);
    const json = JSON.parse(tutor(['verify', 'attention', '--json', '-w', ws]).stdout);
    expect(json.ok).toBe(false);
    expect(json.results[0].report.diagnosis.id).toBe('no-scale');
    const empty = tutor(['verify', 'ffn', '--json', '-w', ws]);
    expect(empty.code).toBe(1);
    expect(JSON.parse(empty.stdout).results[0].status).toBe('no-file');
  }, 60_000);
});

describe('list, hint, reset, solution', () => {
  it('lists concepts and exercises with their status', () => {
    const ws = solvedWorkspace('attention');
    tutor(['verify', 'attention', '-w', ws]);
    const out = JSON.parse(tutor(['list', '--json', '-w', ws]).stdout);
    const attention = out.concepts.find((c: { id: string }) => c.id === 'attention');
    expect(attention.exercises.every((e: { status: string }) => e.status === 'passed')).toBe(true);
    expect(out.concepts.map((c: { id: string }) => c.id)).toEqual(concepts.map((c) => c.id));
    expect(tutor(['list', '-w', ws]).stdout).toMatch(/✓ done/);
  }, 60_000);

  it('shows hints one level at a time', () => {
    const ws = tempDir();
    const first = tutor(['hint', 'attention/scores', '-w', ws]).stdout;
    const second = tutor(['hint', 'attention/scores', '-w', ws]).stdout;
    expect(first).toMatch(/hint 1 of 3/);
    expect(first).not.toMatch(/hint 2 of 3/);
    expect(second).toMatch(/hint 2 of 3/);
  });

  it('resets a file to the stub and keeps the learner’s version', () => {
    const ws = solvedWorkspace('attention');
    const r = tutor(['reset', 'scores', '-w', ws]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(ws, 'attention', '01-scores.ts'), 'utf8')).toMatch(/TODO/);
    const backups = readdirSync(join(ws, '.xf-tutor', 'backups'));
    expect(backups).toHaveLength(1);
  });

  it('shows a solution once the exercise has passed', () => {
    const ws = solvedWorkspace('attention');
    tutor(['verify', 'attention/scores', '-w', ws]);
    const r = tutor(['solution', 'attention/1', '-w', ws]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/export function scores/);
  }, 60_000);

  it('uses XF_WORKSPACE and creates nothing for a read-only command', () => {
    const ws = join(tempDir(), 'from-env');
    const env = { ...tutorEnv(), XF_WORKSPACE: ws };
    const r = spawnSync(process.execPath, [cli, 'list', '--json'], { encoding: 'utf8', env });
    expect(JSON.parse(r.stdout).workspace).toBe(ws);
    expect(existsSync(ws)).toBe(false);
  });
});
