#!/usr/bin/env node
/**
 * pnpm playground: the command line. Usage errors are one line and exit 2; other failures
 * (a missing checkpoint, a NaN loss) are one line and exit 1; nothing prints a stack trace
 * unless XF_PLAYGROUND_DEBUG is set.
 */
import { parseArgs, UsageError } from './cli/args.js';
import { classifyCommand } from './cli/commands/classify.js';
import { inspectCommand } from './cli/commands/inspect.js';
import { menuCommand } from './cli/commands/menu.js';
import { sampleCommand } from './cli/commands/sample.js';
import { trainCommand } from './cli/commands/train.js';
import { webCommand } from './cli/commands/web.js';
import { USAGE } from './cli/usage.js';

async function main(argv: string[]): Promise<number> {
  const { command, positionals, flags } = parseArgs(argv);
  if (flags.help === true || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const noArguments = (name: string) => {
    if (positionals.length)
      throw new UsageError(`${name} takes no arguments, got '${positionals[0]}'`);
  };
  switch (command) {
    case undefined:
      return menuCommand();
    case 'train':
      noArguments('train');
      return trainCommand(flags);
    case 'sample':
      return sampleCommand(flags, positionals);
    case 'classify':
      return classifyCommand(flags, positionals);
    case 'inspect':
      return inspectCommand(flags, positionals);
    case 'web':
      noArguments('web');
      return webCommand(flags);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    const line = message.split('\n')[0];
    if (e instanceof UsageError) {
      const more = line.includes('pnpm playground') ? '' : ' (see pnpm playground --help)';
      process.stderr.write(`xf playground: ${line}${more}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`xf playground: ${line}\n`);
      process.exitCode = 1;
    }
    if (process.env.XF_PLAYGROUND_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  },
);
