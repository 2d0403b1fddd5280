/** --resume continues a run from its latest checkpoint: same model, metrics that read as one run. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectOneLine, readJsonLines, runCli, TINY, tempDir } from './helpers.js';

describe('resume', () => {
  const out = tempDir();

  it('continues from the checkpoint to the new --steps', () => {
    const first = runCli([
      'train',
      '--preset',
      'names',
      ...TINY,
      '--steps',
      '4',
      '--eval-every',
      '2',
      '--out',
      out,
      '--json',
    ]);
    expect(first.status).toBe(0);
    const again = runCli(['train', '--resume', out, '--steps', '7', '--eval-every', '2', '--json']);
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    const summary = JSON.parse(again.stdout);
    expect(summary).toMatchObject({ preset: 'names', out, step: 7, steps: 7 });
    // the model kept its shape from the checkpoint, without the flags
    expect(summary.settings).toMatchObject({ layers: 1, heads: 2, embd: 16, block: 8, batch: 4 });
    const records = readJsonLines(join(out, 'metrics.jsonl'));
    expect(records.map((r) => r.step)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // the clock carries on across the resume
    expect(records[4].elapsedMs as number).toBeGreaterThan(records[3].elapsedMs as number);
    expect(readJsonLines(join(out, 'latest.json'))[0]).toMatchObject({ step: 7 });
  });

  it('into another directory, keeping the history', () => {
    const other = tempDir();
    const r = runCli(['train', '--resume', out, '--steps', '8', '--out', other, '--json']);
    expect(r.status).toBe(0);
    expect(readJsonLines(join(other, 'metrics.jsonl')).map((x) => x.step)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8,
    ]);
  });

  it('refuses to change the model shape or to go backwards', () => {
    const shape = runCli(['train', '--resume', out, '--steps', '20', '--layers', '3']);
    expect(shape.status).toBe(2);
    expect(expectOneLine(shape)).toMatch(
      /--layers 3 differs from the checkpoint's 1: a resumed run keeps its model's shape/,
    );
    const done = runCli(['train', '--resume', out, '--steps', '5']);
    expect(done.status).toBe(2);
    expect(expectOneLine(done)).toMatch(
      /is at step 7 already; ask for more with --steps N \(N > 7\)/,
    );
    const other = runCli(['train', '--resume', out, '--preset', 'moby', '--steps', '20']);
    expect(other.status).toBe(2);
    expect(expectOneLine(other)).toMatch(
      /--preset moby does not match the checkpoint .*, a names run/,
    );
  });
});
