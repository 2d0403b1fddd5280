import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../src/cli/args.js';

describe('parseArgs', () => {
  it('reads a command, typed flags and positionals', () => {
    const a = parseArgs(['train', '--preset', 'names', '--steps=50', '--lr', '3e-3', '--json']);
    expect(a.command).toBe('train');
    expect(a.flags).toEqual({ preset: 'names', steps: 50, lr: 0.003, json: true });
    const c = parseArgs(['classify', '--from', 'runs/spam', 'Win', 'a cruise']);
    expect(c.positionals).toEqual(['Win', 'a cruise']);
    expect(parseArgs(['sample', '--from', 'd', '-n', '3']).flags.n).toBe(3);
  });

  it('gives the menu when there is no command', () => {
    expect(parseArgs([])).toEqual({ command: undefined, positionals: [], flags: {} });
    expect(parseArgs(['--help']).flags.help).toBe(true);
  });

  it('takes text after -- as positionals, even with dashes', () => {
    expect(parseArgs(['classify', '--from', 'd', '--', '--not-a-flag']).positionals).toEqual([
      '--not-a-flag',
    ]);
  });

  it.each([
    [['bogus'], /unknown command 'bogus'/],
    [['train', '--nope'], /unknown option --nope/],
    [['train', '--steps'], /--steps needs a value/],
    [['train', '--steps', 'ten'], /--steps needs a number/],
    [['train', '--steps', '2.5'], /--steps needs a whole number/],
    [['sample', '--steps', '5'], /--steps does not apply to `sample`/],
    [['train', '--json=yes'], /--json takes no value/],
    [['train', '--seed', '1', '--seed', '2'], /--seed is given twice/],
    [['--steps', '5'], /--steps needs a command/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});
