/**
 * Paths the user types are relative to where they ran the command. `pnpm playground` runs the
 * script from the repository root, so there the starting directory comes from INIT_CWD.
 */
import { resolve } from 'node:path';

export function userDir(): string {
  const viaPnpm = process.env.npm_lifecycle_event === 'playground' && process.env.INIT_CWD;
  return viaPnpm || process.cwd();
}

export function userPath(path: string): string {
  return resolve(userDir(), path);
}

/** ./runs/<preset> in the directory the user ran the command from. */
export function defaultOutDir(preset: string): string {
  return userPath(`runs/${preset}`);
}
