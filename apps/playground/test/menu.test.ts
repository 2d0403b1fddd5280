/** The guided menu in a real terminal: train a preset, sample and look inside it, quit. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keys, Terminal } from '../../../test-support/terminal.js';
import { CLI, cliEnv, tempDir } from './helpers.js';

let terminal: Terminal | undefined;
afterEach(() => terminal?.kill());

describe('pnpm playground (the guided menu)', () => {
  it('trains names, samples from it, shows its parameters, and quits', async () => {
    const cwd = tempDir();
    const t = new Terminal([process.execPath, CLI], { cwd, env: cliEnv() });
    terminal = t;

    await t.waitFor(/What next\?/);
    await t.press(keys.enter); // Train a preset
    await t.waitFor(/Which preset\?/);
    await t.press(keys.enter); // names, the first
    await t.waitFor(/How many steps\?/);
    let mark = t.mark();
    await t.press(keys.backspace, keys.backspace, keys.backspace, keys.backspace, '2', '0');
    await t.press(keys.enter);
    const trained = await t.waitFor(/sample it:[\s\S]*What next\?/, mark);
    expect(trained).toContain('$ pnpm playground train --preset names --steps 20');
    expect(trained).toMatch(/20 steps in/);
    expect(existsSync(join(cwd, 'runs', 'names', 'metrics.jsonl'))).toBe(true);

    mark = t.mark();
    await t.press(keys.down, keys.enter); // Sample from a trained model
    await t.waitFor(/Which run\?[\s\S]*runs\/names \(names, step 20\)/, mark);
    await t.press(keys.enter);
    await t.waitFor(/Prompt/, mark);
    await t.press(keys.enter); // no prompt
    const sampled = await t.waitFor(/sample --from runs\/names[\s\S]*What next\?/, mark);
    expect(sampled).toMatch(/^[A-Za-z]{2,}$/m); // a generated name on a line of its own

    mark = t.mark();
    await t.press(keys.down, keys.down, keys.down, keys.enter); // Look inside a trained model
    await t.waitFor(/Which run\?/, mark);
    await t.press(keys.enter);
    await t.waitFor(/Input for the attention heatmaps/, mark);
    await t.press(keys.enter);
    const inside = await t.waitFor(/total\s+202,880[\s\S]*What next\?/, mark);
    expect(inside).toContain('transformer.wte');

    mark = t.mark();
    await t.press(keys.up, keys.enter); // up from the first choice wraps to Quit
    await t.waitFor(/Bye\./, mark);
    expect(await t.exit).toBe(0);
  });
});
