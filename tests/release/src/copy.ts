import { chmod, copyFile, lstat, mkdir, readlink, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type RunOptions, run } from './run.js';

/**
 * Copies the working tree of the git repository at `from` into `to`: tracked files as they are
 * on disk now (uncommitted edits included, deletions honoured) and untracked files that are not
 * ignored. Build outputs, node_modules and caches stay behind, as in a fresh clone.
 */
export async function copyWorkingTree(
  from: string,
  to: string,
  options: RunOptions,
): Promise<number> {
  const listing = await run(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    { ...options, cwd: from },
  );
  const paths = [...new Set(listing.split('\0').filter(Boolean))];
  let copied = 0;
  for (const path of paths) {
    const source = join(from, path);
    const stat = await lstat(source).catch(() => undefined);
    if (!stat) continue; // deleted in the working tree, not yet committed
    const target = join(to, path);
    await mkdir(dirname(target), { recursive: true });
    if (stat.isSymbolicLink()) await symlink(await readlink(source), target);
    else if (stat.isFile()) {
      await copyFile(source, target);
      await chmod(target, stat.mode);
    } else continue;
    copied++;
  }
  return copied;
}
