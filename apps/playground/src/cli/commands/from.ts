/** The --from flag every command that reads a trained model needs. */
import { type FlagValue, UsageError } from '../args.js';

export function requireFrom(flags: Record<string, FlagValue>, command: string): string {
  const from = flags.from as string | undefined;
  if (from === undefined) {
    throw new UsageError(
      `${command} needs --from DIR, a directory written by pnpm playground train`,
    );
  }
  return from;
}
