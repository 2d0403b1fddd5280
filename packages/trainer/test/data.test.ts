import type { Tensor } from '@xf/tensor';
import { describe, expect, it } from 'vitest';
import { ClassificationLoader, type Example, LanguageModelLoader } from '../src/index.js';

const rows = (t: Tensor) => t.toArray() as number[][];

describe('LanguageModelLoader', () => {
  // tokens 0, 1, ..., 999: a window's contents tell where it came from
  const tokens = Int32Array.from({ length: 1000 }, (_, i) => i);

  it('gives int32 [B, T] windows with y = x shifted by one', () => {
    const loader = new LanguageModelLoader(tokens, { batchSize: 4, blockSize: 8, seed: 1 });
    const { x, y } = loader.getBatch('train');
    expect(x.shape).toEqual([4, 8]);
    expect(y.shape).toEqual([4, 8]);
    expect(x.dtype).toBe('int32');
    const ys = rows(y);
    for (const [b, row] of rows(x).entries()) {
      row.forEach((v, t) => {
        expect(ys[b][t]).toBe(v + 1); // the next token
        if (t > 0) {
          expect(v).toBe(row[t - 1] + 1); // a contiguous window
        }
      });
    }
  });

  it('holds out the tail as the val split', () => {
    const loader = new LanguageModelLoader(tokens, {
      batchSize: 16,
      blockSize: 8,
      valFraction: 0.1,
      seed: 2,
    });
    expect(loader.splits.train.length).toBe(900);
    expect(Array.from(loader.splits.val.slice(0, 2))).toEqual([900, 901]);
    for (let k = 0; k < 20; k++) {
      const train = loader.getBatch('train');
      expect(Math.max(...train.y.data)).toBeLessThanOrEqual(899); // targets never reach into val
      const val = loader.getBatch('val');
      expect(Math.min(...val.x.data)).toBeGreaterThanOrEqual(900);
    }
  });

  it('is deterministic for a seed, and evaluation does not shift the training batches', () => {
    const a = new LanguageModelLoader(tokens, { batchSize: 4, blockSize: 8, seed: 3 });
    const b = new LanguageModelLoader(tokens, { batchSize: 4, blockSize: 8, seed: 3 });
    const c = new LanguageModelLoader(tokens, { batchSize: 4, blockSize: 8, seed: 4 });
    const first = a.getBatch('train').x.data;
    b.getBatch('val'); // an evaluation in between
    expect(b.getBatch('train').x.data).toEqual(first);
    expect(c.getBatch('train').x.data).not.toEqual(first);
  });

  it('resumes from its state exactly', () => {
    const a = new LanguageModelLoader(tokens, { batchSize: 4, blockSize: 8, seed: 5 });
    a.getBatch('train');
    a.getBatch('val');
    const state = JSON.parse(JSON.stringify(a.stateDict()));
    const b = new LanguageModelLoader(tokens, { batchSize: 4, blockSize: 8, seed: 99 });
    b.loadStateDict(state);
    for (const split of ['train', 'val', 'train'] as const) {
      expect(b.getBatch(split).x.data).toEqual(a.getBatch(split).x.data);
    }
    expect(() => b.loadStateDict({ kind: 'classification' })).toThrow(
      'expected the state of a LanguageModelLoader',
    );
    expect(() =>
      b.loadStateDict({ kind: 'languageModel', train: [1, 2], val: [1, 2, 3, 4] }),
    ).toThrow('train must be a generator state');
  });

  it('refuses too little data and bad tokens', () => {
    expect(
      () => new LanguageModelLoader(tokens.subarray(0, 50), { batchSize: 1, blockSize: 8 }),
    ).toThrow('the val split has 5 tokens (valFraction 0.1 of 50), fewer than blockSize + 1 = 9');
    expect(
      () => new LanguageModelLoader([1, 2, 3], { batchSize: 1, blockSize: 8, valFraction: 0 }),
    ).toThrow('the train split has 3 tokens, fewer than blockSize + 1 = 9');
    expect(
      () => new LanguageModelLoader([1, 2.5, 3], { batchSize: 1, blockSize: 1, valFraction: 0 }),
    ).toThrow('token 2.5 at position 1 is not an id');
    const noVal = new LanguageModelLoader(tokens, { batchSize: 1, blockSize: 4, valFraction: 0 });
    expect(() => noVal.getBatch('val')).toThrow('there is no val split');
  });
});

describe('ClassificationLoader', () => {
  // example i has i + 1 tokens, all equal to 10 + i, and label i % 3
  const examples: Example[] = Array.from({ length: 10 }, (_, i) => ({
    ids: new Array(i + 1).fill(10 + i),
    label: i % 3,
  }));
  const which = (batch: { ids: Tensor }) => rows(batch.ids).map((r) => r[0] - 10);

  it('pads each batch to its longest sequence with padId and reports lengths', () => {
    const loader = new ClassificationLoader(
      { train: examples },
      { batchSize: 3, shuffle: false, padId: 0 },
    );
    const batch = loader.getBatch('train');
    expect(batch.ids.shape).toEqual([3, 3]);
    expect(rows(batch.ids)).toEqual([
      [10, 0, 0],
      [11, 11, 0],
      [12, 12, 12],
    ]);
    expect(Array.from(batch.lengths.data)).toEqual([1, 2, 3]);
    expect(Array.from(batch.labels.data)).toEqual([0, 1, 2]);
    expect(batch.ids.dtype).toBe('int32');
  });

  it('pads to a fixed maxLength, refusing longer sequences unless truncation is on', () => {
    const fixed = new ClassificationLoader(
      { train: examples.slice(0, 4) },
      { batchSize: 2, shuffle: false, maxLength: 6, padId: 1 },
    );
    expect(rows(fixed.getBatch('train').ids)).toEqual([
      [10, 1, 1, 1, 1, 1],
      [11, 11, 1, 1, 1, 1],
    ]);
    const strict = new ClassificationLoader(
      { train: examples },
      { batchSize: 10, shuffle: false, maxLength: 4 },
    );
    expect(() => strict.getBatch('train')).toThrow(
      'a train example in row 4 has 5 tokens, more than maxLength 4',
    );
    const cut = new ClassificationLoader(
      { train: examples },
      { batchSize: 10, shuffle: false, maxLength: 4, truncation: true },
    );
    const batch = cut.getBatch('train');
    expect(batch.ids.shape).toEqual([10, 4]);
    expect(Array.from(batch.lengths.data)).toEqual([1, 2, 3, 4, 4, 4, 4, 4, 4, 4]);
  });

  it('covers every example once per epoch, reshuffling each epoch, deterministically', () => {
    const loader = new ClassificationLoader({ train: examples }, { batchSize: 4, seed: 7 });
    expect(loader.batchesPerEpoch('train')).toBe(3); // 4 + 4 + 2
    const epoch = () => [0, 1, 2].flatMap(() => which(loader.getBatch('train')));
    const first = epoch();
    const second = epoch();
    expect([...first].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect([...second].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(second).not.toEqual(first);
    expect(loader.epoch('train')).toBe(1);
    const again = new ClassificationLoader({ train: examples }, { batchSize: 4, seed: 7 });
    expect([0, 1, 2].flatMap(() => which(again.getBatch('train')))).toEqual(first);
  });

  it('dropLast leaves out the short batch; val comes in order', () => {
    const loader = new ClassificationLoader(
      { train: examples, val: examples.slice(0, 5) },
      { batchSize: 4, dropLast: true, seed: 1 },
    );
    expect(loader.batchesPerEpoch('train')).toBe(2);
    expect(which(loader.getBatch('val'))).toEqual([0, 1, 2, 3]);
    expect(which(loader.getBatch('val'))).toEqual([0, 1, 2, 3]); // the second epoch of val (5 examples, 1 full batch)
  });

  it('resumes mid-epoch exactly', () => {
    const a = new ClassificationLoader(
      { train: examples, val: examples },
      { batchSize: 4, seed: 11 },
    );
    for (let k = 0; k < 4; k++) {
      a.getBatch('train'); // into the second epoch
    }
    a.getBatch('val');
    const state = JSON.parse(JSON.stringify(a.stateDict()));
    const b = new ClassificationLoader(
      { train: examples, val: examples },
      { batchSize: 4, seed: 0 },
    );
    b.loadStateDict(state);
    for (let k = 0; k < 7; k++) {
      const split = k % 3 === 2 ? 'val' : 'train';
      expect(which(b.getBatch(split))).toEqual(which(a.getBatch(split)));
    }
    expect(() =>
      b.loadStateDict({
        kind: 'classification',
        train: { epoch: 0, position: 9, generator: [1, 2, 3, 4] },
        val: {},
      }),
    ).toThrow('train.position must be an integer in [0, 3]');
  });

  it('refuses bad examples', () => {
    expect(
      () => new ClassificationLoader({ train: [{ ids: [1, -2], label: 0 }] }, { batchSize: 1 }),
    ).toThrow('train example 0 has id -2 at position 1');
    expect(
      () => new ClassificationLoader({ train: [{ ids: [1], label: 0.5 }] }, { batchSize: 1 }),
    ).toThrow('has label 0.5');
    expect(() => new ClassificationLoader({ train: [] }, { batchSize: 1 })).toThrow(
      'the train split has no examples',
    );
  });
});
