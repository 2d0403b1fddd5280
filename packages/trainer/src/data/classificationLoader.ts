/**
 * Batches for sequence classification: examples (a list of token ids and a label) taken in
 * epochs, the train split reshuffled at the start of every epoch by a seeded generator, the
 * val split in order. Each batch is padded with padId to its longest sequence (or to a fixed
 * maxLength), and carries the true lengths so a model can mask the padding.
 */
import { type Generator, Tensor } from '@xf/tensor';
import { isJsonObject, type Json } from '../json.js';
import {
  checkGeneratorState,
  checkPositiveInteger,
  checkSplit,
  type Loader,
  type Split,
  splitGenerators,
} from './loader.js';

export interface Example {
  ids: ArrayLike<number>;
  label: number;
}

export interface ClassificationLoaderOptions {
  batchSize: number;
  /** Reshuffle the train split every epoch (default true); val is always in order. */
  shuffle?: boolean;
  seed?: number;
  /** The id that fills positions past a sequence's end (default 0). */
  padId?: number;
  /** Pad every batch to this length instead of its longest sequence. */
  maxLength?: number;
  /** Cut sequences longer than maxLength instead of refusing them (default false). */
  truncation?: boolean;
  /** Leave out an epoch's last batch when it would be smaller than batchSize (default false). */
  dropLast?: boolean;
}

export interface ClassificationBatch {
  /** Token ids, int32 [B, L], padded with padId. */
  ids: Tensor;
  /** Class labels, int32 [B]. */
  labels: Tensor;
  /** Tokens before the padding in each row, int32 [B]. */
  lengths: Tensor;
}

/** One split's place in its epochs; the generator's state is kept from before the epoch's shuffle. */
interface Cursor {
  epoch: number;
  position: number;
  order: Int32Array;
  epochStart: number[];
}

const OP = 'ClassificationLoader';

export class ClassificationLoader implements Loader<ClassificationBatch> {
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly padId: number;
  readonly maxLength: number | undefined;
  readonly truncation: boolean;
  readonly dropLast: boolean;
  readonly splits: Record<Split, Example[]>;
  private readonly generators: Record<Split, Generator>;
  private readonly cursors: Partial<Record<Split, Cursor>> = {};

  constructor(data: { train: Example[]; val?: Example[] }, options: ClassificationLoaderOptions) {
    this.batchSize = checkPositiveInteger(OP, 'batchSize', options.batchSize);
    const {
      shuffle = true,
      seed = 0,
      padId = 0,
      maxLength,
      truncation = false,
      dropLast = false,
    } = options;
    if (!Number.isInteger(padId)) {
      throw new Error(`${OP}: padId must be an integer, got ${padId}`);
    }
    if (maxLength !== undefined) {
      checkPositiveInteger(OP, 'maxLength', maxLength);
    }
    this.shuffle = shuffle;
    this.padId = padId;
    this.maxLength = maxLength;
    this.truncation = truncation;
    this.dropLast = dropLast;
    this.splits = {
      train: checkExamples('train', data.train),
      val: checkExamples('val', data.val ?? []),
    };
    if (this.splits.train.length === 0) {
      throw new Error(`${OP}: the train split has no examples`);
    }
    for (const split of ['train', 'val'] as const) {
      if (this.splits[split].length > 0 && this.batchesPerEpoch(split) === 0) {
        throw new Error(
          `${OP}: with dropLast, the ${split} split (${this.splits[split].length} examples) has no full batch of ${this.batchSize}`,
        );
      }
    }
    this.generators = splitGenerators(seed);
  }

  /** Batches in one pass over a split. */
  batchesPerEpoch(split: Split): number {
    const n = this.splits[split].length;
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  /** Completed passes over a split so far. */
  epoch(split: Split): number {
    return this.cursors[split]?.epoch ?? 0;
  }

  getBatch(split: Split = 'train'): ClassificationBatch {
    checkSplit(`${OP}.getBatch`, split);
    const examples = this.splits[split];
    if (examples.length === 0) {
      throw new Error(`${OP}.getBatch: the ${split} split has no examples`);
    }
    let cursor = this.cursors[split] ?? this.startEpoch(split, 0);
    if (cursor.position >= this.batchesPerEpoch(split)) {
      cursor = this.startEpoch(split, cursor.epoch + 1);
    }
    const start = cursor.position * this.batchSize;
    const chosen = Array.from(
      cursor.order.subarray(start, start + this.batchSize),
      (i) => examples[i],
    );
    cursor.position += 1;
    return this.collate(chosen, split);
  }

  /** Pads a list of examples into one batch. */
  collate(examples: Example[], split: Split = 'train'): ClassificationBatch {
    const lengths = examples.map((e, b) => {
      const n = e.ids.length;
      if (this.maxLength !== undefined && n > this.maxLength && !this.truncation) {
        throw new Error(
          `${OP}: a ${split} example in row ${b} has ${n} tokens, more than maxLength ${this.maxLength} (set truncation: true to cut it)`,
        );
      }
      return this.maxLength === undefined ? n : Math.min(n, this.maxLength);
    });
    const B = examples.length;
    const L = this.maxLength ?? Math.max(0, ...lengths);
    const ids = new Float32Array(B * L).fill(this.padId);
    examples.forEach((e, b) => {
      for (let t = 0; t < lengths[b]; t++) {
        ids[b * L + t] = e.ids[t];
      }
    });
    return {
      ids: new Tensor(ids, [B, L], 'int32'),
      labels: new Tensor(
        Float32Array.from(examples, (e) => e.label),
        [B],
        'int32',
      ),
      lengths: new Tensor(Float32Array.from(lengths), [B], 'int32'),
    };
  }

  private startEpoch(split: Split, epoch: number): Cursor {
    const generator = this.generators[split];
    const epochStart = generator.getState();
    const n = this.splits[split].length;
    const order = Int32Array.from({ length: n }, (_, i) => i);
    if (split === 'train' && this.shuffle) {
      // Fisher-Yates, drawing from the split's generator
      for (let i = n - 1; i > 0; i--) {
        const j = generator.integer(0, i + 1);
        [order[i], order[j]] = [order[j], order[i]];
      }
    }
    const cursor = { epoch, position: 0, order, epochStart };
    this.cursors[split] = cursor;
    return cursor;
  }

  stateDict(): Json {
    const state = (split: Split): Json => {
      const c = this.cursors[split];
      return c
        ? { epoch: c.epoch, position: c.position, generator: c.epochStart }
        : { epoch: 0, position: 0, generator: this.generators[split].getState() };
    };
    return { kind: 'classification', train: state('train'), val: state('val') };
  }

  loadStateDict(state: Json): void {
    const op = `${OP}.loadStateDict`;
    if (!isJsonObject(state) || state.kind !== 'classification') {
      throw new Error(
        `${op}: expected the state of a ClassificationLoader ({ kind: 'classification', ... })`,
      );
    }
    const parsed = (['train', 'val'] as const).map((split) => {
      const s = state[split];
      if (!isJsonObject(s)) {
        throw new Error(`${op}: missing the ${split} split's state`);
      }
      const { epoch, position } = s;
      if (typeof epoch !== 'number' || !Number.isInteger(epoch) || epoch < 0) {
        throw new Error(`${op}: ${split}.epoch must be a non-negative integer`);
      }
      if (
        typeof position !== 'number' ||
        !Number.isInteger(position) ||
        position < 0 ||
        position > this.batchesPerEpoch(split)
      ) {
        throw new Error(
          `${op}: ${split}.position must be an integer in [0, ${this.batchesPerEpoch(split)}]`,
        );
      }
      return {
        split,
        epoch,
        position,
        generator: checkGeneratorState(op, `${split}.generator`, s.generator),
      };
    });
    // all checked: rebuild each split's epoch from the generator state saved before its shuffle
    for (const { split, epoch, position, generator } of parsed) {
      this.generators[split].setState(generator);
      this.startEpoch(split, epoch).position = position;
    }
  }
}

function checkExamples(split: Split, examples: Example[]): Example[] {
  if (!Array.isArray(examples)) {
    throw new Error(`${OP}: the ${split} split must be an array of { ids, label }`);
  }
  examples.forEach((e, i) => {
    if (!e || typeof e.ids?.length !== 'number') {
      throw new Error(`${OP}: ${split} example ${i} has no ids list`);
    }
    if (!Number.isInteger(e.label) || e.label < 0) {
      throw new Error(
        `${OP}: ${split} example ${i} has label ${e.label}; labels are class indices (integers >= 0)`,
      );
    }
    for (let t = 0; t < e.ids.length; t++) {
      const id = e.ids[t];
      if (!Number.isInteger(id) || id < 0) {
        throw new Error(
          `${OP}: ${split} example ${i} has id ${id} at position ${t}; ids are integers >= 0`,
        );
      }
    }
  });
  return examples;
}
