import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hyperlink, supportsHyperlinks } from '../src/ui/term.js';
import { watchFiles } from '../src/ui/watch.js';
import { tempDir } from './helpers.js';

function changes(poll: boolean): Promise<string> {
  const dir = tempDir();
  const file = join(dir, 'a.ts');
  writeFileSync(file, 'one');
  return new Promise((resolve) => {
    const w = watchFiles(
      [file],
      (f) => {
        w.close();
        resolve(f);
      },
      { poll, intervalMs: 50 },
    );
    expect(w.mode).toBe(poll ? 'poll' : 'watch');
    setTimeout(() => writeFileSync(file, 'two'), 150);
  });
}

describe('watching files', () => {
  it('sees a save with fs.watch', async () => {
    expect(await changes(false)).toMatch(/a\.ts$/);
  });
  it('sees a save by polling', async () => {
    expect(await changes(true)).toMatch(/a\.ts$/);
  });
});

describe('hyperlinks', () => {
  it('are OSC 8 only where the terminal is known to show them', () => {
    expect(supportsHyperlinks({ isTTY: false }, {})).toBe(false);
    expect(supportsHyperlinks({ isTTY: true }, { TERM_PROGRAM: 'iTerm.app' })).toBe(true);
    expect(supportsHyperlinks({ isTTY: true }, { TERM_PROGRAM: 'iTerm.app', TMUX: '/tmp/x' })).toBe(
      false,
    );
    expect(supportsHyperlinks({ isTTY: false }, { FORCE_HYPERLINK: '1' })).toBe(true);
    expect(hyperlink('x', 'file:///x', true)).toBe('\x1b]8;;file:///x\x1b\\x\x1b]8;;\x1b\\');
    expect(hyperlink('x', 'file:///x', false)).toBe('x');
  });
});
