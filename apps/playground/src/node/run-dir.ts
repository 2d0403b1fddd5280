/** Reading a run directory back: its latest checkpoint, as a trained model. */
import { existsSync, statSync } from 'node:fs';
import { type Checkpoint, CheckpointError } from '@xf/trainer';
import { findCheckpoint, loadCheckpoint } from '@xf/trainer/node';
import { trainedFromCheckpoint } from '../core/restore.js';
import type { Trained } from '../core/trained.js';
import { userPath } from './paths.js';

/** A problem with a run directory or checkpoint: one line for the user. */
export class RunDirError extends Error {}

export function readCheckpoint(
  dir: string,
  flag = '--from',
): { path: string; checkpoint: Checkpoint } {
  const path = userPath(dir);
  if (!existsSync(path)) throw new RunDirError(`${flag} ${dir}: no such directory`);
  if (!statSync(path).isDirectory()) throw new RunDirError(`${flag} ${dir}: not a directory`);
  let found: string | null;
  try {
    found = findCheckpoint(path);
  } catch (e) {
    throw new RunDirError(`${flag} ${dir}: ${(e as Error).message}`);
  }
  if (found === null) {
    throw new RunDirError(
      `${flag} ${dir}: no checkpoint there yet (train one with pnpm playground train --preset names --out ${dir})`,
    );
  }
  try {
    return { path, checkpoint: loadCheckpoint(path) };
  } catch (e) {
    const reason = e instanceof CheckpointError ? `${e.file}: ${e.reason}` : (e as Error).message;
    throw new RunDirError(`${flag} ${dir}: the checkpoint cannot be read (${reason})`);
  }
}

export function loadTrained(dir: string): {
  trained: Trained;
  checkpoint: Checkpoint;
  path: string;
} {
  const { path, checkpoint } = readCheckpoint(dir);
  try {
    return { trained: trainedFromCheckpoint(checkpoint), checkpoint, path };
  } catch (e) {
    throw new RunDirError(`--from ${dir}: ${(e as Error).message}`);
  }
}
