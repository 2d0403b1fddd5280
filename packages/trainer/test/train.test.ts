import { manualSeed, nn, type Tensor, tensor } from '@xf/tensor';
import { describe, expect, it } from 'vitest';
import {
  AdamW,
  type Checkpoint,
  cosineLr,
  decodeCheckpoint,
  encodeCheckpoint,
  estimateLoss,
  LanguageModelLoader,
  type Loader,
  NonFiniteLossError,
  parseJsonLines,
  SGD,
  type Split,
  toJsonLine,
  train,
} from '../src/index.js';
import { lmRun } from './fixtures/lmRun.js';
import { Bigram, lmLoss, namesCorpus } from './fixtures/names.js';

interface Pair {
  x: Tensor;
  y: Tensor;
}

/** Hands out a fixed list of training batches in turn, and one fixed val batch. */
class FixedLoader implements Loader<Pair> {
  private i = 0;
  constructor(
    private readonly batches: Pair[],
    private readonly val: Pair = batches[0],
  ) {}
  getBatch(split: Split): Pair {
    return split === 'val' ? this.val : this.batches[this.i++ % this.batches.length];
  }
  stateDict() {
    return { i: this.i };
  }
  loadStateDict(state: unknown) {
    this.i = (state as { i: number }).i;
  }
}

const pair = (x: number[][], y: number[][]): Pair => ({ x: tensor(x), y: tensor(y) });
const mse = (model: nn.Linear) => (b: Pair) =>
  (model.forward(b.x) as Tensor).sub(b.y).square().mean();

describe('train', () => {
  it('a bigram model on the names corpus gets its val loss well below ln V', async () => {
    const { tokens, vocab } = namesCorpus();
    const V = vocab.length; // 28: '.', '-', a-z
    manualSeed(0);
    const model = new Bigram(V);
    const loader = new LanguageModelLoader(tokens, { batchSize: 32, blockSize: 16, seed: 1 });
    const lossFn = (b: Pair) => lmLoss(model, b);
    const before = estimateLoss(model, lossFn, () => loader.getBatch('val'), 20);
    const result = await train({
      model,
      optimizer: new AdamW(model.parameters(), { lr: 0.1, weightDecay: 0 }),
      loader,
      lossFn,
      maxSteps: 300,
      schedule: cosineLr({ lr: 0.1, warmupIters: 10, lrDecayIters: 300, minLr: 0.01 }),
      evalInterval: 100,
      evalIters: 20,
    });
    // random N(0, 1) logits start at or above the uniform guess ln 28 = 3.33;
    // the best a bigram model does on names is about 2.45
    expect(before).toBeGreaterThan(Math.log(V) - 0.1);
    expect(result.lastValLoss).not.toBeNull();
    expect(result.lastValLoss!).toBeLessThan(Math.log(V) - 0.7);
    expect(result.lastValLoss!).toBeLessThan(before - 1);
    expect(result.stopReason).toBe('maxSteps');
  });

  it('emits one record per step with the metrics fields, valLoss on evaluated steps', async () => {
    manualSeed(0);
    const model = new nn.Linear(2, 1);
    const batches = [pair([[1, 2]], [[1]]), pair([[0, 1]], [[-1]])];
    const schedule = (it: number) => 0.1 / (it + 1);
    const logged: string[] = [];
    const result = await train({
      model,
      optimizer: new SGD(model.parameters()),
      loader: new FixedLoader(batches),
      lossFn: mse(model),
      maxSteps: 4,
      schedule,
      evalInterval: 2,
      evalIters: 1,
      tokensPerBatch: () => 10,
      onLog: (r) => {
        logged.push(toJsonLine(r));
      },
    });
    const records = parseJsonLines(logged.join(''));
    expect(records).toEqual(result.history);
    expect(records.map((r) => r.step)).toEqual([1, 2, 3, 4]);
    expect(records.map((r) => r.lr)).toEqual([0.1, 0.05, 0.1 / 3, 0.025]);
    expect(records.map((r) => 'valLoss' in r)).toEqual([false, true, false, true]);
    for (const r of records) {
      expect(Object.keys(r).sort()).toEqual(
        [
          'elapsedMs',
          'loss',
          'lr',
          'step',
          'tokensPerSec',
          ...('valLoss' in r ? ['valLoss'] : []),
        ].sort(),
      );
      expect(typeof r.tokensPerSec).toBe('number');
      expect(Number.isFinite(r.loss)).toBe(true);
    }
  });

  it('gradient accumulation: two half batches with loss / 2 make the same update as the whole batch', async () => {
    const whole = pair(
      [
        [1, 2],
        [3, -1],
        [0, 1],
        [2, 2],
      ],
      [[1], [0], [-1], [2]],
    );
    const halves = [
      pair(
        [
          [1, 2],
          [3, -1],
        ],
        [[1], [0]],
      ),
      pair(
        [
          [0, 1],
          [2, 2],
        ],
        [[-1], [2]],
      ),
    ];
    const step = async (batches: Pair[], accumulation: number) => {
      manualSeed(3);
      const model = new nn.Linear(2, 1);
      await train({
        model,
        optimizer: new SGD(model.parameters(), { lr: 0.1, momentum: 0.9 }),
        loader: new FixedLoader(batches),
        lossFn: mse(model),
        maxSteps: 3,
        gradientAccumulationSteps: accumulation,
      });
      return [...model.weight.data, ...model.bias!.data];
    };
    const a = await step([whole], 1);
    const b = await step(halves, 2);
    a.forEach((v, i) => {
      expect(b[i]).toBeCloseTo(v, 6);
    });
  });

  it('stops at a NaN loss naming the step, before the update, keeping the last checkpoint', async () => {
    manualSeed(0);
    const model = new nn.Linear(2, 1);
    const loader = new FixedLoader([pair([[1, 2]], [[1]])]);
    let calls = 0;
    const saved: Checkpoint[] = [];
    const run = train({
      model,
      optimizer: new SGD(model.parameters(), { lr: 0.1 }),
      loader,
      lossFn: (b) => (++calls === 3 ? tensor(Number.NaN) : mse(model)(b)),
      maxSteps: 10,
      checkpointInterval: 2,
      onCheckpoint: (c) => {
        saved.push(c);
      },
    });
    await expect(run).rejects.toThrow(NonFiniteLossError);
    await expect(run).rejects.toThrow(
      'train: the loss is NaN at step 3; training stopped, and the last checkpoint (step 2) is kept',
    );
    expect(saved.map((c) => c.step)).toEqual([2]);
    // step 3 never updated the weights: they are still those of the checkpoint
    expect(Array.from(model.weight.data)).toEqual(Array.from(saved[0].model.weight.data));
  });

  it('an infinite loss in a micro-batch stops too', async () => {
    const model = new nn.Linear(2, 1);
    const run = train({
      model,
      optimizer: new SGD(model.parameters()),
      loader: new FixedLoader([pair([[1, 2]], [[1]])]),
      lossFn: () => tensor(Number.POSITIVE_INFINITY),
      maxSteps: 2,
      gradientAccumulationSteps: 2,
    });
    await expect(run).rejects.toThrow(
      'the loss of micro-batch 1 of 2 is Infinity at step 1; training stopped, and no checkpoint was saved',
    );
  });

  it('a callback can stop training; a final checkpoint is written', async () => {
    const model = new nn.Linear(2, 1);
    const saved: number[] = [];
    const result = await train({
      model,
      optimizer: new SGD(model.parameters()),
      loader: new FixedLoader([pair([[1, 2]], [[1]])]),
      lossFn: mse(model),
      maxSteps: 100,
      checkpointInterval: 10,
      onCheckpoint: (c) => {
        saved.push(c.step);
      },
      onStep: (e) => {
        if (e.step === 5) {
          e.stop('enough');
        }
      },
    });
    expect(result.step).toBe(5);
    expect(result.stopReason).toBe('callback');
    expect(result.message).toBe('enough');
    expect(saved).toEqual([5]);
  });

  it('stops early when the val loss has not improved for `patience` evaluations', async () => {
    const model = new nn.Linear(2, 1);
    const result = await train({
      model,
      optimizer: new SGD(model.parameters(), { lr: 0 }), // nothing changes: the val loss stays put
      loader: new FixedLoader([pair([[1, 2]], [[1]])]),
      lossFn: mse(model),
      maxSteps: 100,
      evalInterval: 2,
      evalIters: 1,
      earlyStopping: { patience: 2 },
    });
    // evaluations at 2 (the best so far), 4 and 6 (no improvement twice)
    expect(result.step).toBe(6);
    expect(result.stopReason).toBe('earlyStopping');
    expect(result.message).toContain('early stopping at step 6');
  });

  it('resumes from a checkpoint exactly (same losses, bit for bit, as an uninterrupted run)', async () => {
    const straight: number[] = [];
    const straightVal: number[] = [];
    await train({
      ...lmRun(),
      onStep: (e) => void straight.push(e.loss),
      onEval: (e) => void straightVal.push(e.valLoss),
    });

    let bytes: Record<string, Uint8Array> | null = null;
    await train({
      ...lmRun(),
      checkpointInterval: 100,
      onCheckpoint: (c) => {
        bytes = encodeCheckpoint(c);
      },
      onStep: (e) => {
        if (e.step === 17) {
          e.stop();
        }
      },
    });
    expect(bytes).not.toBeNull();
    const resumed: number[] = [];
    const resumedVal: number[] = [];
    const checkpoint = decodeCheckpoint(bytes!);
    expect(checkpoint.step).toBe(17);
    const result = await train({
      ...lmRun(), // a fresh model, optimizer and loader, seeded alike: the checkpoint overrides them
      resumeFrom: checkpoint,
      onStep: (e) => void resumed.push(e.loss),
      onEval: (e) => void resumedVal.push(e.valLoss),
    });
    expect(result.step).toBe(40);
    expect(resumed).toEqual(straight.slice(17));
    expect(resumedVal).toEqual(straightVal.slice(1)); // evaluations at 20, 30, 40
  });

  it('refuses inconsistent options', async () => {
    const model = new nn.Linear(2, 1);
    const base = {
      model,
      optimizer: new SGD(model.parameters()),
      loader: new FixedLoader([pair([[1, 2]], [[1]])]),
      lossFn: mse(model),
      maxSteps: 2,
    };
    await expect(train({ ...base, checkpointInterval: 1 })).rejects.toThrow(
      'checkpointInterval is set but there is no onCheckpoint',
    );
    await expect(train({ ...base, earlyStopping: { patience: 1 } })).rejects.toThrow(
      'earlyStopping needs evaluations',
    );
    await expect(
      train({ ...base, lossFn: (b) => model.forward(b.x) as Tensor }),
    ).resolves.toBeDefined();
    await expect(train({ ...base, lossFn: () => tensor([1, 2]) })).rejects.toThrow(
      'lossFn must return a one-element loss tensor, got shape [2]',
    );
  });
});
