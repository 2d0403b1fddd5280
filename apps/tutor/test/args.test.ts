import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../src/args.js';

describe('parseArgs', () => {
  it('reads a command, positionals and flags', () => {
    expect(parseArgs(['verify', 'attention', '--json', '-w', 'ws'])).toEqual({
      command: 'verify',
      positionals: ['attention'],
      flags: { json: true, poll: false, help: false, version: false, workspace: 'ws' },
    });
    expect(parseArgs(['start', '--workspace=./x']).flags.workspace).toBe('./x');
  });

  it('refuses unknown options, missing values and flags on the wrong command', () => {
    expect(() => parseArgs(['start', '--frobnicate'])).toThrow(
      new UsageError('unknown option --frobnicate'),
    );
    expect(() => parseArgs(['start', '-w'])).toThrow(/needs a folder/);
    expect(() => parseArgs(['start', '--json'])).toThrow(
      /--json applies to `verify` and `list` only/,
    );
    expect(() => parseArgs(['list', '--poll'])).toThrow(/--poll/);
  });
});
