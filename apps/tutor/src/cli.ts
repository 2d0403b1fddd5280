#!/usr/bin/env node
/** pnpm tutor: the command line. Usage errors are one line and exit 2; nothing prints a stack trace. */
import { parseArgs, USAGE, UsageError } from './args.js';
import { makeContext } from './commands/context.js';
import { devCheck } from './commands/dev-check.js';
import { hint } from './commands/hint.js';
import { list } from './commands/list.js';
import { menu } from './commands/menu.js';
import { reset } from './commands/reset.js';
import { solution } from './commands/solution.js';
import { start } from './commands/start.js';
import { verify } from './commands/verify.js';
import { tutorVersion } from './paths.js';

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.flags.version) {
    process.stdout.write(`${tutorVersion()}\n`);
    return 0;
  }
  if (args.flags.help || args.command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const ctx = makeContext(args.flags);
  const { positionals } = args;
  switch (args.command) {
    case undefined:
      return menu(ctx);
    case 'start':
      return start(ctx, positionals);
    case 'list':
      if (positionals.length)
        throw new UsageError(`list takes no arguments, got ${positionals.join(' ')}`);
      return list(ctx);
    case 'hint':
      return hint(ctx, positionals);
    case 'verify':
      return verify(ctx, positionals);
    case 'reset':
      return reset(ctx, positionals);
    case 'solution':
      return solution(ctx, positionals);
    case 'dev':
      if (positionals.length !== 1 || positionals[0] !== 'check') {
        throw new UsageError('dev has one subcommand: pnpm tutor dev check');
      }
      return devCheck(ctx);
    default:
      throw new UsageError(`unknown command '${args.command}'`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError) {
      const more = e.message.includes('pnpm tutor') ? '' : ' (see pnpm tutor --help)';
      process.stderr.write(`xf tutor: ${e.message}${more}\n`);
      process.exitCode = 2;
      return;
    }
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`xf tutor: ${message.split('\n')[0]}\n`);
    if (process.env.XF_TUTOR_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    process.exitCode = 1;
  },
);
