import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built CLI, as `pnpm tutor` runs it. */
export const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

export const tempDir = (prefix = 'xf-tutor-'): string => mkdtempSync(join(tmpdir(), prefix));

/** The environment the built CLI runs in for tests: no colour, a generous check time limit. */
export function tutorEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', XF_TUTOR_TIMEOUT_MS: '20000' };
  delete env.INIT_CWD;
  delete env.FORCE_COLOR;
  return env;
}
