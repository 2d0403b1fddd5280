/**
 * Durable, atomic file writes: write a temporary file in the same directory, fsync it,
 * rename it over the target, fsync the directory. A crash at any point leaves either the
 * old file or the new one, never a mix (rename within a directory is atomic on POSIX).
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

let counter = 0;

/** A name no other writer in this or another process will pick. */
export function temporaryName(path: string): string {
  counter += 1;
  const random = Math.floor(Math.random() * 2 ** 32).toString(16);
  return join(dirname(path), `.tmp-${basename(path)}-${process.pid}-${counter}-${random}`);
}

/** Writes the bytes to a new file and flushes them to disk. */
export function writeFileDurable(path: string, data: Uint8Array | string): void {
  const fd = openSync(path, 'wx');
  try {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    let written = 0;
    while (written < bytes.length) {
      written += writeSync(fd, bytes, written, bytes.length - written);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a directory's entries (new names, renames) to disk. */
export function fsyncDirectory(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch (e) {
    // some platforms (Windows) cannot open a directory; their renames are durable without it
    if (process.platform === 'win32') {
      return;
    }
    throw e;
  }
  try {
    fsyncSync(fd);
  } catch (e) {
    if (!['EINVAL', 'EPERM', 'EISDIR'].includes((e as NodeJS.ErrnoException).code ?? '')) {
      throw e;
    }
  } finally {
    closeSync(fd);
  }
}

/** Replaces `path` with the bytes atomically and durably. */
export function writeFileAtomic(path: string, data: Uint8Array | string): void {
  const temporary = temporaryName(path);
  try {
    writeFileDurable(temporary, data);
    renameSync(temporary, path);
  } catch (e) {
    rmSync(temporary, { force: true });
    throw e;
  }
  fsyncDirectory(dirname(path));
}
