/**
 * The learner's workspace folder: `--workspace <dir>`, else XF_WORKSPACE, else ./xf-workspace.
 * Relative paths are taken from the folder the learner typed the command in (pnpm runs root
 * scripts from the repository root and keeps the original folder in INIT_CWD).
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';

export const DEFAULT_WORKSPACE = 'xf-workspace';

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function invocationDir(env: NodeJS.ProcessEnv = process.env): string {
  const init = env.INIT_CWD;
  return init && isDir(init) ? init : process.cwd();
}

export function resolveWorkspace(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const chosen = flag ?? (env.XF_WORKSPACE || undefined) ?? DEFAULT_WORKSPACE;
  return resolve(invocationDir(env), chosen);
}
