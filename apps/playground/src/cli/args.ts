/**
 * The command line: a command, its positionals and its flags. Each flag belongs to some
 * commands and has a type; anything else is a usage error, said in one line.
 */

export class UsageError extends Error {}

export const COMMANDS = ['train', 'sample', 'classify', 'inspect', 'web', 'help'] as const;
export type Command = (typeof COMMANDS)[number];

type Kind = 'int' | 'number' | 'string' | 'bool';

interface FlagSpec {
  kind: Kind;
  commands: readonly Command[];
  /** Shown in errors: what the value looks like. */
  example?: string;
}

const TRAIN_NUMBERS = ['steps', 'batch', 'block', 'layers', 'heads', 'embd'] as const;

const FLAGS: Record<string, FlagSpec> = {
  preset: { kind: 'string', commands: ['train'], example: 'names' },
  ...Object.fromEntries(
    TRAIN_NUMBERS.map((n) => [n, { kind: 'int', commands: ['train'], example: '200' } as FlagSpec]),
  ),
  lr: { kind: 'number', commands: ['train'], example: '1e-3' },
  seed: { kind: 'int', commands: ['train', 'sample'], example: '1' },
  backend: {
    kind: 'string',
    commands: ['train', 'sample', 'classify', 'inspect'],
    example: 'wasm',
  },
  out: { kind: 'string', commands: ['train'], example: 'runs/names' },
  resume: { kind: 'string', commands: ['train'], example: 'runs/names' },
  'checkpoint-every': { kind: 'int', commands: ['train'], example: '100' },
  'eval-every': { kind: 'int', commands: ['train'], example: '100' },
  from: { kind: 'string', commands: ['sample', 'classify', 'inspect'], example: 'runs/names' },
  prompt: { kind: 'string', commands: ['sample', 'inspect'], example: '"Call me"' },
  temperature: { kind: 'number', commands: ['sample'], example: '0.8' },
  'top-k': { kind: 'int', commands: ['sample'], example: '10' },
  'top-p': { kind: 'number', commands: ['sample'], example: '0.9' },
  n: { kind: 'int', commands: ['sample'], example: '10' },
  json: { kind: 'bool', commands: ['train', 'sample', 'classify'] },
  port: { kind: 'int', commands: ['web'], example: '5173' },
  help: { kind: 'bool', commands: [...COMMANDS] },
};

const SHORT: Record<string, string> = { '-n': 'n', '-h': 'help' };

export type FlagValue = string | number | boolean;

export interface ParsedArgs {
  /** undefined: no command, the guided menu. */
  command?: Command;
  positionals: string[];
  flags: Record<string, FlagValue>;
}

function parseValue(flag: string, spec: FlagSpec, raw: string): FlagValue {
  if (spec.kind === 'string') {
    if (raw === '')
      throw new UsageError(`--${flag} needs a value, as in --${flag} ${spec.example}`);
    return raw;
  }
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) {
    throw new UsageError(`--${flag} needs a number, as in --${flag} ${spec.example}; got '${raw}'`);
  }
  if (spec.kind === 'int' && !Number.isInteger(value)) {
    throw new UsageError(
      `--${flag} needs a whole number, as in --${flag} ${spec.example}; got '${raw}'`,
    );
  }
  return value;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const seen: [string, FlagValue][] = [];
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPositionals || !arg.startsWith('-') || arg === '-' || /^-\d/.test(arg)) {
      positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const written = eq === -1 ? arg : arg.slice(0, eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    const flag = SHORT[written] ?? (written.startsWith('--') ? written.slice(2) : '');
    const spec = FLAGS[flag];
    if (!spec) throw new UsageError(`unknown option ${written}`);
    if (spec.kind === 'bool') {
      if (inline !== undefined) throw new UsageError(`${written} takes no value`);
      seen.push([flag, true]);
      continue;
    }
    const raw = inline ?? argv[++i];
    if (raw === undefined || (inline === undefined && raw.startsWith('--'))) {
      throw new UsageError(`${written} needs a value, as in ${written} ${spec.example}`);
    }
    seen.push([flag, parseValue(flag, spec, raw)]);
  }

  const [first, ...rest] = positionals;
  let command: Command | undefined;
  if (first !== undefined) {
    if (!(COMMANDS as readonly string[]).includes(first)) {
      throw new UsageError(`unknown command '${first}' (commands: ${COMMANDS.join(', ')})`);
    }
    command = first as Command;
  }
  const flags: Record<string, FlagValue> = {};
  for (const [flag, value] of seen) {
    const spec = FLAGS[flag];
    if (command === undefined && flag !== 'help') {
      throw new UsageError(
        `--${flag} needs a command, as in pnpm playground ${spec.commands[0]} --${flag} ...`,
      );
    }
    if (command !== undefined && !spec.commands.includes(command)) {
      const where = spec.commands.map((c) => `\`${c}\``).join(', ');
      throw new UsageError(`--${flag} does not apply to \`${command}\` (it applies to ${where})`);
    }
    if (flag in flags) throw new UsageError(`--${flag} is given twice`);
    flags[flag] = value;
  }
  return { command, positionals: rest, flags };
}

/** The flags of a command as typed getters, for the command's own code. */
export function flagReader(flags: Record<string, FlagValue>) {
  return {
    string: (name: string) => flags[name] as string | undefined,
    number: (name: string) => flags[name] as number | undefined,
    bool: (name: string) => flags[name] === true,
  };
}
