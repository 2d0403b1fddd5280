/**
 * A checkpoint as files, and back, without touching a file system (so it works in a browser):
 *
 *   checkpoint.json        the sidecar: format and version, step, config, tokenizer, optimizer
 *                          options and step counts, loader and generator states, trainer state,
 *                          and the size and CRC-32 of each file below
 *   model.safetensors      the model's state dict, F32
 *   optimizer.safetensors  the optimizer's moment tensors, named state.<param index>.<name>
 *                          (e.g. state.0.expAvg), absent when there is no optimizer
 *
 * Decoding checks every file against the sidecar and refuses anything that does not fit with
 * a CheckpointError naming the file.
 */
import { Tensor } from '@xf/tensor';
import { isJsonObject, type Json, type JsonObject } from '../json.js';
import type { OptimizerStateDict, ParamState } from '../optim/optimizer.js';
import { decodeSafetensors } from '../safetensors/decode.js';
import { encodeSafetensors } from '../safetensors/encode.js';
import type { Checkpoint, TrainerState } from './checkpoint.js';
import { crc32 } from './crc32.js';
import { CheckpointError } from './errors.js';

export const CHECKPOINT_FORMAT = 'xf-checkpoint';
export const CHECKPOINT_VERSION = 1;
export const SIDECAR = 'checkpoint.json';
export const MODEL_FILE = 'model.safetensors';
export const OPTIMIZER_FILE = 'optimizer.safetensors';

/** File name → contents. */
export type CheckpointFiles = Record<string, Uint8Array>;

interface FileRecord {
  path: string;
  bytes: number;
  crc32: string;
}

/** File names in a checkpoint are plain names inside its directory. */
export function isPlainFileName(name: string): boolean {
  return /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(name);
}

export function encodeCheckpoint(checkpoint: Checkpoint): CheckpointFiles {
  const files: CheckpointFiles = {};
  const records: Record<string, FileRecord> = {};
  const add = (key: string, path: string, bytes: Uint8Array) => {
    files[path] = bytes;
    records[key] = { path, bytes: bytes.length, crc32: crc32(bytes) };
  };
  for (const [name, t] of Object.entries(checkpoint.model)) {
    if (t.dtype !== 'float32') {
      throw new Error(
        `encodeCheckpoint: model tensor '${name}' is ${t.dtype}; checkpoints hold float32 weights`,
      );
    }
  }
  add(
    'model',
    MODEL_FILE,
    encodeSafetensors(checkpoint.model, { format: 'pt', step: String(checkpoint.step) }),
  );

  let optimizer: Json = null;
  if (checkpoint.optimizer) {
    const tensors: Record<string, Tensor> = {};
    const state: JsonObject = {};
    for (const [index, s] of Object.entries(checkpoint.optimizer.state)) {
      const numbers: JsonObject = {};
      const names: string[] = [];
      for (const [key, value] of Object.entries(s)) {
        if (value instanceof Tensor) {
          tensors[`state.${index}.${key}`] = value;
          names.push(key);
        } else {
          numbers[key] = value;
        }
      }
      state[index] = { ...numbers, tensors: names };
    }
    add('optimizer', OPTIMIZER_FILE, encodeSafetensors(tensors, { format: 'pt' }));
    optimizer = { paramGroups: checkpoint.optimizer.paramGroups as Json, state };
  }

  const sidecar = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    step: checkpoint.step,
    files: records,
    optimizer,
    loader: checkpoint.loader,
    rngState: checkpoint.rngState,
    trainer: checkpoint.trainer,
    config: checkpoint.config,
    tokenizer: checkpoint.tokenizer,
  };
  files[SIDECAR] = new TextEncoder().encode(`${JSON.stringify(sidecar, null, 2)}\n`);
  return files;
}

export function decodeCheckpoint(files: CheckpointFiles): Checkpoint {
  const sidecarBytes = files[SIDECAR];
  if (!sidecarBytes) {
    throw new CheckpointError(SIDECAR, 'missing; every checkpoint has this sidecar');
  }
  const failSidecar = (reason: string): never => {
    throw new CheckpointError(SIDECAR, reason);
  };
  let sidecar: unknown;
  try {
    sidecar = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(sidecarBytes));
  } catch (e) {
    return failSidecar(`not valid JSON (${(e as Error).message})`);
  }
  if (!isJsonObject(sidecar)) {
    return failSidecar('not a JSON object');
  }
  if (sidecar.format !== CHECKPOINT_FORMAT) {
    failSidecar(`format is ${JSON.stringify(sidecar.format)}, expected "${CHECKPOINT_FORMAT}"`);
  }
  if (sidecar.version !== CHECKPOINT_VERSION) {
    failSidecar(
      `version ${JSON.stringify(sidecar.version)} is not supported; this version of @xf/trainer reads version ${CHECKPOINT_VERSION}`,
    );
  }
  const step = sidecar.step;
  if (typeof step !== 'number' || !Number.isInteger(step) || step < 0) {
    failSidecar(`step must be a non-negative integer, got ${JSON.stringify(step)}`);
  }
  if (!isJsonObject(sidecar.files)) {
    return failSidecar('files must be an object');
  }

  /**
   * A listed file's bytes, parsed as safetensors and then checked against its recorded size
   * and checksum: the parse names structural damage precisely, the checksum catches the rest.
   */
  const load = (
    key: string,
    required: boolean,
  ): { path: string; tensors: Record<string, Tensor> } | null => {
    const record = (sidecar.files as JsonObject)[key];
    if (record === undefined) {
      return required ? failSidecar(`files.${key} is missing`) : null;
    }
    if (
      !isJsonObject(record) ||
      typeof record.path !== 'string' ||
      typeof record.bytes !== 'number' ||
      typeof record.crc32 !== 'string'
    ) {
      return failSidecar(`files.${key} must be { path, bytes, crc32 }`);
    }
    const path = record.path;
    if (!isPlainFileName(path)) {
      return failSidecar(`files.${key}.path ${JSON.stringify(path)} is not a plain file name`);
    }
    const bytes = files[path];
    if (!bytes) {
      throw new CheckpointError(path, `missing; ${SIDECAR} lists it as the ${key} file`);
    }
    const { tensors } = decodeSafetensors(bytes, { fileName: path });
    if (bytes.length !== record.bytes) {
      throw new CheckpointError(
        path,
        `is ${bytes.length} bytes but ${SIDECAR} recorded ${record.bytes}; the file was changed or corrupted`,
      );
    }
    if (crc32(bytes) !== record.crc32) {
      throw new CheckpointError(
        path,
        `checksum ${crc32(bytes)} does not match ${record.crc32} recorded in ${SIDECAR}; the file is corrupted`,
      );
    }
    return { path, tensors };
  };

  const { path: modelPath, tensors: model } = load('model', true)!;
  for (const [name, t] of Object.entries(model)) {
    if (t.dtype !== 'float32') {
      throw new CheckpointError(
        modelPath,
        `tensor '${name}' has dtype ${t.dtype}; model weights must be F32`,
      );
    }
  }

  return {
    step: step as number,
    model,
    optimizer: decodeOptimizer(sidecar, load),
    loader: sidecar.loader ?? null,
    rngState: checkRngState(sidecar.rngState, failSidecar),
    trainer: checkTrainerState(sidecar.trainer ?? null, failSidecar),
    config: sidecar.config ?? null,
    tokenizer: sidecar.tokenizer ?? null,
  };
}

type LoadFile = (
  key: string,
  required: boolean,
) => { path: string; tensors: Record<string, Tensor> } | null;

function decodeOptimizer(sidecar: JsonObject, load: LoadFile): OptimizerStateDict | null {
  const fail = (reason: string): never => {
    throw new CheckpointError(SIDECAR, reason);
  };
  const saved = sidecar.optimizer;
  if (saved === null || saved === undefined) {
    return null;
  }
  if (!isJsonObject(saved) || !Array.isArray(saved.paramGroups) || !isJsonObject(saved.state)) {
    return fail('optimizer must be { paramGroups, state }');
  }
  const { path, tensors } = load('optimizer', true)!;
  const used = new Set<string>();
  const state: Record<string, ParamState> = {};
  for (const [index, entry] of Object.entries(saved.state)) {
    if (!isJsonObject(entry) || !Array.isArray(entry.tensors)) {
      fail(`optimizer.state.${index} must list its tensors`);
    }
    const s: ParamState = {};
    for (const [key, value] of Object.entries(entry as JsonObject)) {
      if (key === 'tensors') {
        continue;
      }
      if (typeof value !== 'number') {
        fail(`optimizer.state.${index}.${key} must be a number`);
      }
      s[key] = value as number;
    }
    for (const name of (entry as JsonObject).tensors as Json[]) {
      const key = `state.${index}.${String(name)}`;
      const t = tensors[key];
      if (!t) {
        throw new CheckpointError(path, `tensor '${key}' is missing (listed in ${SIDECAR})`);
      }
      if (t.dtype !== 'float32') {
        throw new CheckpointError(
          path,
          `tensor '${key}' has dtype ${t.dtype}; optimizer state must be F32`,
        );
      }
      s[String(name)] = t;
      used.add(key);
    }
    state[index] = s;
  }
  const extra = Object.keys(tensors).filter((k) => !used.has(k));
  if (extra.length > 0) {
    throw new CheckpointError(path, `tensors ${extra.join(', ')} are not listed in ${SIDECAR}`);
  }
  for (const [g, group] of saved.paramGroups.entries()) {
    if (!isJsonObject(group) || !Array.isArray(group.params)) {
      fail(`optimizer.paramGroups[${g}] must be an object with params`);
    }
  }
  return { state, paramGroups: saved.paramGroups as OptimizerStateDict['paramGroups'] };
}

function checkRngState(value: Json | undefined, fail: (reason: string) => never): number[] {
  const ok =
    Array.isArray(value) &&
    value.length === 4 &&
    value.every((w) => typeof w === 'number' && Number.isInteger(w) && w >= 0 && w <= 0xffffffff);
  if (!ok) {
    fail('rngState must be four unsigned 32-bit integers');
  }
  return value as number[];
}

function checkTrainerState(value: Json, fail: (reason: string) => never): TrainerState | null {
  if (value === null) {
    return null;
  }
  if (!isJsonObject(value)) {
    return fail('trainer must be an object or null');
  }
  const { bestValLoss, evalsWithoutImprovement, elapsedMs, tokensSeen } = value;
  const count = (v: Json | undefined) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  if (
    !(bestValLoss === null || (typeof bestValLoss === 'number' && Number.isFinite(bestValLoss)))
  ) {
    fail('trainer.bestValLoss must be a number or null');
  }
  if (!count(evalsWithoutImprovement) || !count(elapsedMs) || !count(tokensSeen)) {
    fail('trainer.evalsWithoutImprovement, elapsedMs and tokensSeen must be non-negative numbers');
  }
  return {
    bestValLoss: bestValLoss as number | null,
    evalsWithoutImprovement: evalsWithoutImprovement as number,
    elapsedMs: elapsedMs as number,
    tokensSeen: tokensSeen as number,
  };
}
