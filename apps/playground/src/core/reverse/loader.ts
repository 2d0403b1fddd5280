/**
 * Batches for the reverse task, made up as they are asked for: random digit strings of 1 to
 * maxDigits digits, and their reversal as the target. Each split draws from its own seeded
 * generator, so a checkpoint (which saves both states) resumes the exact stream.
 *
 *   src     [B, S]      the digits, padded
 *   tgtIn   [B, S + 1]  BOS, then the reversed digits (the decoder's input, shifted right)
 *   targets [B, S + 1]  the reversed digits, then EOS (padding is ignored by the loss)
 */
import { Generator, Tensor } from '@xf/tensor';
import type { Json, Loader, Split } from '@xf/trainer';
import { BOS_ID, EOS_ID, encodeDigits, PAD_ID, reverseDigits } from './vocab.js';

export interface ReverseBatch {
  src: Tensor;
  tgtIn: Tensor;
  targets: Tensor;
  /** The source strings, for scoring. */
  strings: string[];
}

/** n random digit strings of 1..maxDigits digits. */
export function randomDigitStrings(g: Generator, n: number, maxDigits: number): string[] {
  return Array.from({ length: n }, () => {
    const length = g.integer(1, maxDigits + 1);
    return Array.from({ length }, () => String(g.integer(0, 10))).join('');
  });
}

/** Pads rows of ids to one length: int32 [B, L]. */
function padded(rows: number[][], length: number): Tensor {
  const data = new Float32Array(rows.length * length).fill(PAD_ID);
  rows.forEach((r, b) => {
    data.set(r, b * length);
  });
  return new Tensor(data, [rows.length, length], 'int32');
}

export function reverseBatch(strings: string[]): ReverseBatch {
  const S = Math.max(...strings.map((s) => s.length));
  const src = strings.map(encodeDigits);
  const reversed = strings.map((s) => encodeDigits(reverseDigits(s)));
  return {
    src: padded(src, S),
    tgtIn: padded(
      reversed.map((r) => [BOS_ID, ...r]),
      S + 1,
    ),
    targets: padded(
      reversed.map((r) => [...r, EOS_ID]),
      S + 1,
    ),
    strings,
  };
}

export class ReverseLoader implements Loader<ReverseBatch> {
  private readonly generators: Record<Split, Generator>;

  constructor(
    readonly batchSize: number,
    readonly maxDigits: number,
    seed: number,
  ) {
    this.generators = { train: new Generator(seed), val: new Generator(seed + 0x9e3779b9) };
  }

  getBatch(split: Split): ReverseBatch {
    return reverseBatch(randomDigitStrings(this.generators[split], this.batchSize, this.maxDigits));
  }

  stateDict(): Json {
    return {
      kind: 'reverse',
      train: this.generators.train.getState(),
      val: this.generators.val.getState(),
    };
  }

  loadStateDict(state: Json): void {
    const s = state as { kind?: unknown; train?: unknown; val?: unknown } | null;
    const ok = (v: unknown): v is number[] =>
      Array.isArray(v) && v.length === 4 && v.every((w) => Number.isInteger(w) && w >= 0);
    if (s?.kind !== 'reverse' || !ok(s.train) || !ok(s.val)) {
      throw new Error("ReverseLoader.loadStateDict: expected { kind: 'reverse', train, val }");
    }
    this.generators.train.setState(s.train);
    this.generators.val.setState(s.val);
  }
}
