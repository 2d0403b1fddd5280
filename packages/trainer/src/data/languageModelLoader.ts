/**
 * Batches for a language model, as nanoGPT's get_batch: B windows of T tokens at random
 * offsets in a long token array; the target y is the window shifted by one token, so
 * y[b, t] is the token that follows x[b, t]. The last `valFraction` of the tokens is held
 * out as the validation split. Each split draws offsets from its own seeded generator.
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

export interface LanguageModelLoaderOptions {
  batchSize: number;
  /** Tokens per window (the model's context length). */
  blockSize: number;
  /** Fraction of the tokens, from the end, held out for validation (default 0.1). */
  valFraction?: number;
  seed?: number;
}

export interface LanguageModelBatch {
  /** Input ids, int32 [B, T]. */
  x: Tensor;
  /** Next-token targets, int32 [B, T]: y[b, t] = x[b, t + 1] within the text. */
  y: Tensor;
}

const OP = 'LanguageModelLoader';

export class LanguageModelLoader implements Loader<LanguageModelBatch> {
  readonly batchSize: number;
  readonly blockSize: number;
  readonly splits: Record<Split, Int32Array>;
  private readonly generators: Record<Split, Generator>;

  constructor(tokens: ArrayLike<number>, options: LanguageModelLoaderOptions) {
    this.batchSize = checkPositiveInteger(OP, 'batchSize', options.batchSize);
    this.blockSize = checkPositiveInteger(OP, 'blockSize', options.blockSize);
    const { valFraction = 0.1, seed = 0 } = options;
    if (!(valFraction >= 0 && valFraction < 1)) {
      throw new Error(`${OP}: valFraction must be in [0, 1), got ${valFraction}`);
    }
    const all = Int32Array.from(tokens as ArrayLike<number>, (t, i) => {
      if (!Number.isInteger(t) || t < 0 || t > 2 ** 24) {
        throw new Error(`${OP}: token ${t} at position ${i} is not an id in [0, 2^24]`);
      }
      return t;
    });
    const trainEnd = all.length - Math.round(all.length * valFraction);
    this.splits = { train: all.subarray(0, trainEnd), val: all.subarray(trainEnd) };
    const need = this.blockSize + 1;
    if (this.splits.train.length < need) {
      throw new Error(
        `${OP}: the train split has ${this.splits.train.length} tokens, fewer than blockSize + 1 = ${need}`,
      );
    }
    if (valFraction > 0 && this.splits.val.length < need) {
      throw new Error(
        `${OP}: the val split has ${this.splits.val.length} tokens (valFraction ${valFraction} of ${all.length}), fewer than blockSize + 1 = ${need}`,
      );
    }
    this.generators = splitGenerators(seed);
  }

  getBatch(split: Split = 'train'): LanguageModelBatch {
    const data = this.splits[checkSplit(`${OP}.getBatch`, split)];
    if (data.length === 0) {
      throw new Error(`${OP}.getBatch: there is no val split (valFraction is 0)`);
    }
    const B = this.batchSize;
    const T = this.blockSize;
    const generator = this.generators[split];
    // all offsets first, then the windows, as nanoGPT draws them
    const offsets = Array.from({ length: B }, () => generator.integer(0, data.length - T));
    const x = new Float32Array(B * T);
    const y = new Float32Array(B * T);
    offsets.forEach((start, b) => {
      for (let t = 0; t < T; t++) {
        x[b * T + t] = data[start + t];
        y[b * T + t] = data[start + t + 1];
      }
    });
    return { x: new Tensor(x, [B, T], 'int32'), y: new Tensor(y, [B, T], 'int32') };
  }

  stateDict(): Json {
    return {
      kind: 'languageModel',
      train: this.generators.train.getState(),
      val: this.generators.val.getState(),
    };
  }

  loadStateDict(state: Json): void {
    const op = `${OP}.loadStateDict`;
    if (!isJsonObject(state) || state.kind !== 'languageModel') {
      throw new Error(
        `${op}: expected the state of a LanguageModelLoader ({ kind: 'languageModel', ... })`,
      );
    }
    const train = checkGeneratorState(op, 'train', state.train);
    const val = checkGeneratorState(op, 'val', state.val);
    this.generators.train.setState(train);
    this.generators.val.setState(val);
  }
}
