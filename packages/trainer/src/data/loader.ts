/**
 * What the training loop needs from a data loader: a batch from either split, and its
 * position (generator states, cursors) as JSON, so a checkpoint can resume it exactly.
 */
import { Generator } from '@xf/tensor';
import type { Json } from '../json.js';

export type Split = 'train' | 'val';

export interface Loader<B> {
  getBatch(split: Split): B;
  stateDict(): Json;
  /** Restores a state from stateDict(); throws, changing nothing, if it does not fit. */
  loadStateDict(state: Json): void;
}

export function checkSplit(op: string, split: unknown): Split {
  if (split !== 'train' && split !== 'val') {
    throw new Error(`${op}: split must be 'train' or 'val', got ${String(split)}`);
  }
  return split;
}

export function checkPositiveInteger(op: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new Error(`${op}: ${name} must be a positive integer, got ${String(value)}`);
  }
  return value;
}

/** A generator state as saved in JSON: four unsigned 32-bit words. */
export function checkGeneratorState(op: string, name: string, value: unknown): number[] {
  const ok =
    Array.isArray(value) &&
    value.length === 4 &&
    value.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffffffff);
  if (!ok) {
    throw new Error(`${op}: ${name} must be a generator state (four unsigned 32-bit integers)`);
  }
  return value as number[];
}

/** Two independent streams from one seed: a generator per split, so evaluating never shifts training batches. */
export function splitGenerators(seed: number): Record<Split, Generator> {
  if (!Number.isSafeInteger(seed)) {
    throw new Error(`loader: seed must be a safe integer, got ${seed}`);
  }
  return { train: new Generator(seed), val: new Generator(seed + 0x9e3779b9) };
}
