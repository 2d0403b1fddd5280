/** Where the tutor's own files are, whether it runs from dist/ (built) or src/ (tests). */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The folder holding the tutor's package.json. */
export function tutorRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === '@xf/tutor') {
      root = dir;
      return dir;
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('xf tutor: cannot find its own package.json');
    dir = up;
  }
}

/** Lessons, stubs, solutions and hints, read at run time. */
export function curriculumDir(): string {
  return join(tutorRoot(), 'src', 'curriculum');
}

/** The tutor's version, for `--version`. */
export function tutorVersion(): string {
  return JSON.parse(readFileSync(join(tutorRoot(), 'package.json'), 'utf8')).version;
}
