/**
 * `pnpm tutor start attention` in a real terminal, as a learner meets it: the lesson, the files,
 * a wrong answer diagnosed, a right one passed, and the progress still there after a restart.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Terminal } from '../../../test-support/terminal.js';
import { cli, tempDir, tutorEnv } from './helpers.js';

let terminal: Terminal | undefined;
afterEach(() => terminal?.kill());

function start(ws: string): Terminal {
  terminal = new Terminal([process.execPath, cli, 'start', 'attention', '-w', ws], {
    cwd: ws,
    env: tutorEnv(),
  });
  return terminal;
}

const WRONG = `import { matmul, type Tensor, transpose } from '@xf/tensor';

export function scores(q: Tensor, k: Tensor): Tensor {
  return matmul(q, transpose(k, -2, -1));
}
`;

const RIGHT = `import { matmul, mul, type Tensor, transpose } from '@xf/tensor';

export function scores(q: Tensor, k: Tensor): Tensor {
  return mul(matmul(q, transpose(k, -2, -1)), 1 / Math.sqrt(q.shape[q.shape.length - 1]));
}
`;

describe('pnpm tutor start attention (in a terminal)', () => {
  it('teaches, diagnoses a mistake, passes a right answer and remembers it', async () => {
    const ws = tempDir();
    const file = join(ws, 'attention', '01-scores.ts');
    let t = start(ws);

    const opening = await t.waitFor(/not written yet/);
    expect(opening).toMatch(/Why √d_k\?/); // the lesson
    expect(opening).toMatch(/attention 1\/5/);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain("throw new Error('TODO");

    let mark = t.mark();
    writeFileSync(file, WRONG); // a save, as from an editor
    const wrong = await t.waitFor(/looks like: no 1\/√d_k/, mark);
    expect(wrong).toMatch(/first\s+at \[0, 0\]: expected/); // where it first differs
    expect(wrong).toMatch(/max diff/);

    mark = t.mark();
    writeFileSync(file, RIGHT);
    const right = await t.waitFor(/passed all 4 cases[\s\S]*Press n for the next exercise/, mark);
    expect(right).toContain('Well done.');

    mark = t.mark();
    await t.press('q');
    expect(await t.exit).toBe(0);

    t = start(ws); // a new session in the same workspace
    mark = 0;
    const again = await t.waitFor(/passed all 4 cases/, mark);
    expect(again).toMatch(/attention 1\/5/);
    expect(again).not.toContain('Well done.'); // passed before: no first-time praise
    mark = t.mark();
    await t.press('l');
    await t.waitFor(/✓ 1\. the scores/, mark);
    await t.press('n');
    await t.waitFor(/attention 2\/5/, mark);
    await t.press('q');
    expect(await t.exit).toBe(0);
  });
});
