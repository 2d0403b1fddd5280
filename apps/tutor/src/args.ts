/** Command-line arguments: a command, its positionals, and a few flags. Anything else is a usage error. */

export class UsageError extends Error {}

export interface Flags {
  workspace?: string;
  json: boolean;
  poll: boolean;
  help: boolean;
  version: boolean;
}

export interface ParsedArgs {
  command?: string;
  positionals: string[];
  flags: Flags;
}

const FLAG_COMMANDS: Record<string, string[]> = {
  json: ['verify', 'list'],
  poll: ['start', 'menu'],
};

export function parseArgs(argv: string[]): ParsedArgs {
  const flags: Flags = { json: false, poll: false, help: false, version: false };
  const positionals: string[] = [];
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPositionals || !arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    const [name, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    switch (name) {
      case '--workspace':
      case '-w': {
        const value = inline ?? argv[++i];
        if (
          value === undefined ||
          value === '' ||
          (inline === undefined && value.startsWith('-'))
        ) {
          throw new UsageError(`${name} needs a folder, as in ${name} ./my-workspace`);
        }
        flags.workspace = value;
        break;
      }
      case '--json':
      case '--poll':
      case '--help':
      case '-h':
      case '--version':
      case '-v': {
        if (inline !== undefined) throw new UsageError(`${name} takes no value`);
        const key =
          ({ '-h': 'help', '-v': 'version' } as Record<string, keyof Flags>)[name] ??
          (name.slice(2) as keyof Flags);
        (flags as unknown as Record<string, boolean>)[key] = true;
        break;
      }
      default:
        throw new UsageError(`unknown option ${name}`);
    }
  }
  const [command, ...rest] = positionals;
  for (const [flag, commands] of Object.entries(FLAG_COMMANDS)) {
    if (
      (flags as unknown as Record<string, boolean>)[flag] &&
      !commands.includes(command ?? 'menu')
    ) {
      const where = commands.map((c) => (c === 'menu' ? 'the menu' : `\`${c}\``)).join(' and ');
      throw new UsageError(`--${flag} applies to ${where} only`);
    }
  }
  return { command, positionals: rest, flags };
}

export const USAGE = `xf tutor: learn the transformer by writing it

usage: pnpm tutor [command] [options]

  (no command)                the menu
  start [concept]             read the lesson, write the exercises, check them as you save
  list [--json]               concepts and exercises, done or pending
  hint [exercise]             the next hint for the current (or named) exercise
  verify [concept|exercise] [--json]
                              check your files once (for scripts and CI: exit 0 only when all pass)
  reset <exercise>            put the starting file back (yours is kept in .xf-tutor/backups)
  solution <exercise>         show the reference solution (after you pass it, or when you confirm)
  dev check                   check the curriculum itself (stubs fail, solutions pass, mistakes are caught)

options:
  -w, --workspace <dir>       where your files go (default ./xf-workspace, or $XF_WORKSPACE)
  --poll                      watch files by polling (for file systems where watching fails)
  -h, --help    -v, --version

exercises are named concept/name (attention/scores), concept/number (attention/1), or by name alone.`;
