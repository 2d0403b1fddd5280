/** Bad flags and missing checkpoints: one clear line on stderr, a non-zero exit, no stack trace. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectOneLine, runCli, tempDir } from './helpers.js';

describe('usage errors exit 2 with one line', () => {
  it.each([
    [['train'], /train needs --preset <name> \(names, moby, spam, reverse\) or --resume DIR/],
    [['train', '--preset', 'shakespeare'], /unknown preset 'shakespeare'/],
    [['train', '--preset', 'names', '--steps', 'many'], /--steps needs a number/],
    [['train', '--preset', 'names', '--steps', '0'], /--steps must be an integer >= 1, got 0/],
    [
      ['train', '--preset', 'names', '--embd', '30', '--heads', '4'],
      /--embd \(30\) must be divisible by --heads \(4\)/,
    ],
    [['train', '--preset', 'names', '--lr', '2'], /--lr must be in \(0, 1\)/],
    [['train', '--preset', 'names', '--backend', 'cuda'], /--backend must be one of js, gpu, wasm/],
    [['sample'], /sample needs --from DIR/],
    [['sample', '--from', 'x', '--top-p', '1.5'], /--top-p must be in \(0, 1\]/],
    [['classify', '--from', 'x'], /classify needs the text to classify/],
    [['inspect', '--from', 'x', 'extra'], /inspect takes no arguments/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['train', '--preset', 'names', '--verbose'], /unknown option --verbose/],
  ])('%j', (args, message) => {
    const r = runCli(args);
    expect(r.status).toBe(2);
    const line = expectOneLine(r);
    expect(line).toMatch(/^xf playground: /);
    expect(line).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('the menu needs a terminal', () => {
    const r = runCli([]);
    expect(r.status).toBe(2);
    expect(expectOneLine(r)).toMatch(/the guided menu needs a terminal/);
  });
});

describe('missing checkpoints exit 1 with one line', () => {
  it('a directory that does not exist', () => {
    const r = runCli(['sample', '--from', '/no/such/run']);
    expect(r.status).toBe(1);
    expect(expectOneLine(r)).toBe('xf playground: --from /no/such/run: no such directory');
  });

  it('a directory without a checkpoint', () => {
    const dir = tempDir();
    for (const command of [['sample'], ['inspect'], ['classify', 'hello']]) {
      const r = runCli([command[0], '--from', dir, ...command.slice(1)]);
      expect(r.status).toBe(1);
      expect(expectOneLine(r)).toMatch(
        /no checkpoint there yet \(train one with pnpm playground train/,
      );
    }
  });

  it('a damaged pointer', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'step-00000001'));
    writeFileSync(
      join(dir, 'latest.json'),
      '{"format": "xf-checkpoint-pointer", "checkpoint": "step-00000009"}',
    );
    const r = runCli(['sample', '--from', dir]);
    expect(r.status).toBe(1);
    expect(expectOneLine(r)).toMatch(/names step-00000009, which does not exist/);
  });

  it('--resume from nothing', () => {
    const r = runCli(['train', '--resume', tempDir()]);
    expect(r.status).toBe(1);
    expect(expectOneLine(r)).toMatch(/--resume .*: no checkpoint there yet/);
  });
});
