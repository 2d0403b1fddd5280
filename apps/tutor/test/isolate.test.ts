import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JobResult } from '../src/engine/report.js';
import { runJobs } from '../src/runner/isolate.js';
import { prepareWorkspace } from '../src/workspace/files.js';
import { tempDir } from './helpers.js';

const ws = tempDir();
const file = (name: string, source: string): string => {
  const path = join(ws, name);
  writeFileSync(path, source);
  return path;
};
const scores = (body: string) =>
  `import { matmul, mul, type Tensor, transpose } from '@xf/tensor';\n\nexport function scores(q: Tensor, k: Tensor): Tensor {\n${body}\n}\n`;

let results: JobResult[];
const files: Record<string, string> = {};

beforeAll(async () => {
  prepareWorkspace(ws);
  files.right = file(
    'right.ts',
    scores(
      '  return mul(matmul(q, transpose(k, -2, -1)), 1 / Math.sqrt(q.shape[q.shape.length - 1]));',
    ),
  );
  files.noScale = file(
    'no-scale.ts',
    scores('  console.log("shapes", q.shape, k.shape);\n  return matmul(q, transpose(k, -2, -1));'),
  );
  files.loop = file('loop.ts', scores('  while (true) {}'));
  files.throws = file('throws.ts', scores('  const x = 1;\n  return matmul(q, k);'));
  files.syntax = file('syntax.ts', 'export function scores(q, k) {\n  return q +* k;\n}\n');
  files.exit = file('exit.ts', scores('  process.exit(3);'));
  files.after = file(
    'after.ts',
    scores(
      '  return mul(matmul(q, transpose(k, -2, -1)), 1 / Math.sqrt(q.shape[q.shape.length - 1]));',
    ),
  );
  files.naiveSoftmax = file(
    'naive-softmax.ts',
    "import { div, exp, sum, type Tensor } from '@xf/tensor';\nexport const softmax = (x: Tensor, dim: number) => div(exp(x), sum(exp(x), dim, true));\n",
  );
  const job = (f: string) => ({ exercise: 'attention/scores', source: { file: f } });
  const scoreFiles = [
    files.right,
    files.noScale,
    files.loop,
    files.throws,
    files.syntax,
    files.exit,
    files.after,
  ];
  results = await runJobs(
    [
      ...scoreFiles.map(job),
      { exercise: 'attention/softmax', source: { file: files.naiveSoftmax } },
    ],
    { cwd: ws, timeoutMs: 3000 },
  );
}, 120_000);

describe('running learner code in a child process', () => {
  it('loads TypeScript that imports @xf/tensor from the workspace and passes it', () => {
    expect(results[0].report.status).toBe('pass');
  });

  it('diagnoses a wrong implementation and keeps its console output', () => {
    const r = results[1];
    expect(r.report.status === 'fail' && r.report.diagnosis?.id).toBe('no-scale');
    expect(r.consoleOutput).toMatch(/shapes \[ 1, 4 \]/);
  });

  it('stops an endless loop at the time limit', () => {
    expect(results[2].report).toEqual({ status: 'timeout', ms: 3000 });
  });

  it('points a thrown error at the learner’s own file and line', () => {
    const r = results[3].report;
    expect(r.status).toBe('error');
    if (r.status === 'error') {
      expect(r.message).toMatch(/matmul/);
      expect(r.location).toMatchObject({ file: files.throws, line: 5 });
      expect(r.location?.code).toBe('return matmul(q, k);');
    }
  });

  it('reports a syntax error with its position', () => {
    const r = results[4].report;
    expect(r.status).toBe('load-error');
    if (r.status === 'load-error')
      expect(r.location).toMatchObject({ file: files.syntax, line: 2 });
  });

  it('survives process.exit in learner code', () => {
    expect(results[5].report.status).toBe('crash');
  });

  it('goes on with the remaining jobs after a timeout or a crash', () => {
    expect(results[6].report.status).toBe('pass');
    expect(results).toHaveLength(8);
  });

  it('keeps NaN a NaN across the process boundary', () => {
    const r = results[7].report;
    expect(r.status === 'fail' && r.diagnosis?.id).toBe('no-max-shift');
    if (r.status === 'fail') expect(Number.isNaN(r.failure.mismatch.actualValue)).toBe(true);
  });
});
