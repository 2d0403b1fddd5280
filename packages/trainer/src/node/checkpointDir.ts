/**
 * Checkpoints in a directory, saved so that a process killed at any moment leaves the previous
 * checkpoint intact and loadable:
 *
 *   run/
 *     latest.json            {"format": "xf-checkpoint-pointer", "checkpoint": "step-00000300"}
 *     step-00000200/          an older checkpoint (kept while `keep` allows)
 *     step-00000300/          checkpoint.json, model.safetensors, optimizer.safetensors
 *
 * A save writes every file of the new checkpoint into a hidden staging directory and flushes
 * it, renames the directory to its final name, and only then switches latest.json to it (itself
 * written atomically). Until that last rename, latest.json names the previous checkpoint.
 * One process writes to a directory at a time.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Checkpoint } from '../checkpoint/checkpoint.js';
import { CheckpointError } from '../checkpoint/errors.js';
import {
  decodeCheckpoint,
  encodeCheckpoint,
  isPlainFileName,
  SIDECAR,
} from '../checkpoint/files.js';
import { type RestoreTargets, restoreCheckpoint } from '../checkpoint/restore.js';
import { isJsonObject } from '../json.js';
import { fsyncDirectory, temporaryName, writeFileDurable } from './atomic.js';

export const POINTER = 'latest.json';
const POINTER_FORMAT = 'xf-checkpoint-pointer';
const VERSION_NAME = /^step-(\d{8,})(?:-(\d+))?$/;

/** The points a save passes, in order; tests stop a process at one of them to simulate a crash. */
export type SaveStage = 'files-written' | 'directory-renamed' | 'pointer-staged' | 'committed';

export interface SaveCheckpointOptions {
  /** How many checkpoints to keep, the new one included (default 2). */
  keep?: number;
  /** Called as the save passes each stage (for fault-injection tests). */
  onStage?: (stage: SaveStage) => void;
}

/** Saves the checkpoint as a new version in `dir` and makes it the latest; returns its directory. */
export function saveCheckpoint(
  dir: string,
  checkpoint: Checkpoint,
  options: SaveCheckpointOptions = {},
): string {
  const { keep = 2, onStage } = options;
  if (!Number.isInteger(keep) || keep < 1) {
    throw new Error(`saveCheckpoint: keep must be an integer >= 1, got ${keep}`);
  }
  const files = encodeCheckpoint(checkpoint);
  mkdirSync(dir, { recursive: true });
  removeLeftovers(dir);
  const previous = currentVersion(dir);

  const name = freeVersionName(dir, checkpoint.step);
  const staging = temporaryName(join(dir, name));
  mkdirSync(staging);
  try {
    for (const [file, bytes] of Object.entries(files)) {
      writeFileDurable(join(staging, file), bytes);
    }
    fsyncDirectory(staging);
    onStage?.('files-written');
    renameSync(staging, join(dir, name));
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  fsyncDirectory(dir);
  onStage?.('directory-renamed');

  const pointer = join(dir, POINTER);
  const staged = temporaryName(pointer);
  writeFileDurable(
    staged,
    `${JSON.stringify({ format: POINTER_FORMAT, checkpoint: name, step: checkpoint.step })}\n`,
  );
  onStage?.('pointer-staged');
  renameSync(staged, pointer); // the commit point
  fsyncDirectory(dir);
  onStage?.('committed');

  prune(dir, name, previous, keep);
  return join(dir, name);
}

/**
 * The directory of the latest checkpoint in `dir` (or `dir` itself when it is a checkpoint
 * directory), or null when nothing has been saved there yet.
 */
export function findCheckpoint(dir: string): string | null {
  if (existsSync(join(dir, SIDECAR))) {
    return dir;
  }
  const pointer = join(dir, POINTER);
  if (!existsSync(pointer)) {
    return null;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(pointer, 'utf8'));
  } catch (e) {
    throw new CheckpointError(pointer, `not valid JSON (${(e as Error).message})`);
  }
  if (
    !isJsonObject(parsed) ||
    parsed.format !== POINTER_FORMAT ||
    typeof parsed.checkpoint !== 'string'
  ) {
    throw new CheckpointError(
      pointer,
      `expected {"format": "${POINTER_FORMAT}", "checkpoint": "<directory>"}`,
    );
  }
  if (!isPlainFileName(parsed.checkpoint)) {
    throw new CheckpointError(
      pointer,
      `checkpoint ${JSON.stringify(parsed.checkpoint)} is not a directory name inside ${dir}`,
    );
  }
  const version = join(dir, parsed.checkpoint);
  if (!existsSync(version)) {
    throw new CheckpointError(pointer, `names ${parsed.checkpoint}, which does not exist`);
  }
  return version;
}

/**
 * Reads the latest checkpoint in `dir` (or the checkpoint directory `dir`), checking every
 * file. With targets, also restores it into the model, optimizer and loader, all or nothing.
 * Errors are CheckpointErrors naming the file's full path.
 */
export function loadCheckpoint(dir: string, targets?: RestoreTargets): Checkpoint {
  const version = findCheckpoint(dir);
  if (version === null) {
    throw new CheckpointError(
      join(dir, POINTER),
      `not found: no checkpoint has been saved in ${dir}`,
    );
  }
  const withPath = (e: unknown): never => {
    if (e instanceof CheckpointError) {
      throw new CheckpointError(join(version, e.file), e.reason);
    }
    throw e;
  };
  let checkpoint: Checkpoint;
  try {
    checkpoint = decodeCheckpoint(readCheckpointFiles(version));
  } catch (e) {
    return withPath(e);
  }
  if (targets) {
    try {
      restoreCheckpoint(checkpoint, targets);
    } catch (e) {
      withPath(e);
    }
  }
  return checkpoint;
}

/** The sidecar and every file it lists that exists (decodeCheckpoint reports the missing ones). */
function readCheckpointFiles(version: string): Record<string, Uint8Array> {
  const sidecarPath = join(version, SIDECAR);
  if (!existsSync(sidecarPath)) {
    throw new CheckpointError(SIDECAR, 'missing; every checkpoint has this sidecar');
  }
  const files: Record<string, Uint8Array> = { [SIDECAR]: readFileSync(sidecarPath) };
  let listed: string[] = [];
  try {
    const sidecar = JSON.parse(new TextDecoder().decode(files[SIDECAR]));
    listed = Object.values(
      isJsonObject(sidecar) && isJsonObject(sidecar.files) ? sidecar.files : {},
    )
      .map((f) => (isJsonObject(f) ? f.path : null))
      .filter((p): p is string => typeof p === 'string' && isPlainFileName(p));
  } catch {
    // decodeCheckpoint will say what is wrong with the sidecar
  }
  for (const file of listed) {
    const path = join(version, file);
    if (existsSync(path)) {
      files[file] = readFileSync(path);
    }
  }
  return files;
}

function freeVersionName(dir: string, step: number): string {
  const base = `step-${String(step).padStart(8, '0')}`;
  let name = base;
  for (let n = 2; existsSync(join(dir, name)); n++) {
    name = `${base}-${n}`;
  }
  return name;
}

/** Staging directories and pointer files left by a save that was killed. */
function removeLeftovers(dir: string): void {
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith('.tmp-step-') || entry.startsWith(`.tmp-${POINTER}-`)) {
      rmSync(join(dir, entry), { recursive: true, force: true });
    }
  }
}

/** The version latest.json names now, or null (none yet, or unreadable). */
function currentVersion(dir: string): string | null {
  try {
    const version = findCheckpoint(dir);
    return version === null ? null : basename(version);
  } catch {
    return null;
  }
}

/**
 * Keeps the new checkpoint and the keep - 1 newest committed before it. Versions newer than
 * the previous commit were never committed (a save killed before its pointer switch, or a run
 * that crashed and was resumed from earlier): they go.
 */
function prune(dir: string, current: string, previous: string | null, keep: number): void {
  const order = (name: string): [number, number] => {
    const m = VERSION_NAME.exec(name)!;
    return [Number(m[1]), Number(m[2] ?? 1)];
  };
  const newer = (a: [number, number], b: [number, number]) => a[0] - b[0] || a[1] - b[1];
  const limit = order(previous && VERSION_NAME.test(previous) ? previous : current);
  const others = readdirSync(dir).filter((e) => VERSION_NAME.test(e) && e !== current);
  const committed = others
    .filter((e) => (previous ? newer(order(e), limit) <= 0 : newer(order(e), limit) < 0))
    .sort((a, b) => newer(order(b), order(a)));
  const kept = new Set(committed.slice(0, keep - 1));
  for (const e of others) {
    if (!kept.has(e)) {
      rmSync(join(dir, e), { recursive: true, force: true });
    }
  }
}
