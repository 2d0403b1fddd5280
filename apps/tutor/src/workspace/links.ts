/**
 * Makes `import { ... } from '@xf/tensor'` work in the workspace, which sits outside any
 * package: node_modules/@xf/<name> in the workspace links to the very package folder the
 * tutor itself resolves, so the learner's code and the checks share one copy of each module
 * (one Tensor class, one backend setting).
 */
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { tutorRoot } from '../paths.js';

/** The @xf packages the tutor depends on, with the folder each resolves to. */
export function xfPackages(): { name: string; dir: string }[] {
  const pkg = JSON.parse(readFileSync(join(tutorRoot(), 'package.json'), 'utf8'));
  const require = createRequire(join(tutorRoot(), 'package.json'));
  return Object.keys(pkg.dependencies ?? {})
    .filter((name) => name.startsWith('@xf/'))
    .map((name) => ({ name, dir: realpathSync(dirname(require.resolve(`${name}/package.json`))) }));
}

function pointsTo(link: string, target: string): boolean {
  try {
    return realpathSync(resolve(dirname(link), readlinkSync(link))) === target;
  } catch {
    return false;
  }
}

/** Creates or repairs the links; leaves a real folder someone put there alone. */
export function ensureLinks(workspace: string): void {
  const scope = join(workspace, 'node_modules', '@xf');
  mkdirSync(scope, { recursive: true });
  for (const { name, dir } of xfPackages()) {
    const link = join(scope, name.slice('@xf/'.length));
    if (existsSync(link) || isLink(link)) {
      if (!isLink(link) || pointsTo(link, dir)) continue;
      rmSync(link, { force: true });
    }
    symlinkSync(dir, link, process.platform === 'win32' ? 'junction' : 'dir');
  }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
