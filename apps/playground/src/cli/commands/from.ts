/** The --from flag every command that reads a trained model needs, and opening that model. */
import { useBackend } from '../../node/backend.js';
import { loadTrained } from '../../node/run-dir.js';
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

/** Selects the backend (--backend) and loads the model trained in `from`. */
export async function openTrained(
  from: string,
  flags: Record<string, FlagValue>,
): Promise<ReturnType<typeof loadTrained>> {
  await useBackend(flags.backend as string | undefined);
  return loadTrained(from);
}
