import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRngState, manualSeed, nn, randn, setRngState, type Tensor, tensor } from '@xf/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AdamW,
  type Checkpoint,
  CheckpointError,
  captureCheckpoint,
  crc32,
  decodeCheckpoint,
  encodeCheckpoint,
  encodeSafetensors,
  LanguageModelLoader,
  restoreCheckpoint,
} from '../src/index.js';
import {
  findCheckpoint,
  loadCheckpoint,
  MetricsWriter,
  readMetrics,
  saveCheckpoint,
} from '../src/node/index.js';

class Net extends nn.Module {
  fc = new nn.Linear(3, 2);
  emb = new nn.Embedding(4, 3);
}

/** A model, an optimizer with state, a loader part-way through, and a checkpoint of all three. */
function setup() {
  manualSeed(5);
  const model = new Net();
  const optimizer = new AdamW(model.parameters(), { lr: 0.01 });
  for (const p of model.parameters()) {
    p.grad = randn([...p.shape]);
  }
  optimizer.step();
  const loader = new LanguageModelLoader(
    Int32Array.from({ length: 200 }, (_, i) => i % 4),
    { batchSize: 2, blockSize: 4 },
  );
  loader.getBatch('train');
  const checkpoint = captureCheckpoint({
    step: 7,
    model,
    optimizer,
    loader,
    trainer: { bestValLoss: 1.25, evalsWithoutImprovement: 1, elapsedMs: 10, tokensSeen: 64 },
    config: { width: 3 },
    tokenizer: { vocab: ['a', 'b'] },
  });
  return { model, optimizer, loader, checkpoint };
}

const weights = (m: nn.Module) =>
  Object.fromEntries(Object.entries(m.stateDict()).map(([k, t]) => [k, Array.from(t.data)]));

/** Re-records a changed file's size and checksum in the sidecar, so only the change itself is tested. */
function reseal(
  files: Record<string, Uint8Array>,
  key: string,
  bytes: Uint8Array,
): Record<string, Uint8Array> {
  const sidecar = JSON.parse(new TextDecoder().decode(files['checkpoint.json']));
  sidecar.files[key].bytes = bytes.length;
  sidecar.files[key].crc32 = crc32(bytes);
  return {
    ...files,
    [sidecar.files[key].path]: bytes,
    'checkpoint.json': new TextEncoder().encode(JSON.stringify(sidecar)),
  };
}

function errorOf(f: () => unknown): CheckpointError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CheckpointError);
    return e as CheckpointError;
  }
  throw new Error('expected a CheckpointError, nothing was thrown');
}

describe('checkpoint bytes (browser-safe)', () => {
  it('round-trips everything a resume needs', () => {
    const { checkpoint, model, optimizer, loader } = setup();
    const back = decodeCheckpoint(encodeCheckpoint(checkpoint));
    expect(back.step).toBe(7);
    expect(back.config).toEqual({ width: 3 });
    expect(back.tokenizer).toEqual({ vocab: ['a', 'b'] });
    expect(back.trainer).toEqual(checkpoint.trainer);
    expect(back.rngState).toEqual(checkpoint.rngState);
    expect(back.loader).toEqual(loader.stateDict());
    for (const [k, t] of Object.entries(model.stateDict())) {
      expect(Array.from(back.model[k].data)).toEqual(Array.from(t.data));
    }
    const saved = optimizer.stateDict();
    const loaded = back.optimizer!;
    expect(loaded.paramGroups).toEqual(saved.paramGroups);
    for (const [i, s] of Object.entries(saved.state)) {
      expect(loaded.state[i].step).toBe(s.step);
      expect(Array.from((loaded.state[i].expAvgSq as Tensor).data)).toEqual(
        Array.from((s.expAvgSq as Tensor).data),
      );
    }
  });

  it('the model file is plain safetensors with the state dict names', () => {
    const { checkpoint } = setup();
    const files = encodeCheckpoint(checkpoint);
    expect(Object.keys(files).sort()).toEqual([
      'checkpoint.json',
      'model.safetensors',
      'optimizer.safetensors',
    ]);
    const header = new TextDecoder().decode(files['model.safetensors'].subarray(8, 400));
    expect(header).toContain('"fc.weight":{"dtype":"F32","shape":[2,3]');
    expect(header).toContain('"__metadata__":{"format":"pt","step":"7"}');
  });

  it('restores model, optimizer, loader and generator', () => {
    const { checkpoint, model, optimizer, loader } = setup();
    const expectedWeights = weights(model);
    const nextBatch = loader.getBatch('train').x.data;
    const rng = getRngState();
    // move everything on, then restore
    model.fc.weight.data.fill(0);
    for (const p of model.parameters()) {
      p.grad = randn([...p.shape]);
    }
    optimizer.step();
    manualSeed(123);
    restoreCheckpoint(decodeCheckpoint(encodeCheckpoint(checkpoint)), { model, optimizer, loader });
    expect(weights(model)).toEqual(expectedWeights);
    expect(optimizer.state.get(model.fc.weight)?.step).toBe(1);
    expect(loader.getBatch('train').x.data).toEqual(nextBatch);
    expect(getRngState()).toEqual(checkpoint.rngState);
    setRngState(rng);
  });

  describe('refuses a bad checkpoint, naming the file and the problem', () => {
    const { checkpoint } = setup();
    const files = encodeCheckpoint(checkpoint);

    it('a truncated file', () => {
      const e = errorOf(() =>
        decodeCheckpoint({
          ...files,
          'model.safetensors': files['model.safetensors'].subarray(0, 100),
        }),
      );
      expect(e.file).toBe('model.safetensors');
      expect(e.message).toContain('past the end');
      const optimizer = files['optimizer.safetensors'];
      const e2 = errorOf(() =>
        decodeCheckpoint({
          ...files,
          'optimizer.safetensors': optimizer.subarray(0, optimizer.length - 4),
        }),
      );
      expect(e2.message).toMatch(
        /^optimizer\.safetensors: tensor 'state\.\d\.\w+' has data_offsets .* past the end of the data/,
      );
    });

    it('flipped bytes: in the header length, the header, and the data', () => {
      const length = files['model.safetensors'].slice();
      length[1] ^= 0x10;
      expect(
        errorOf(() => decodeCheckpoint({ ...files, 'model.safetensors': length })).message,
      ).toContain('model.safetensors: the header length');
      const header = files['model.safetensors'].slice();
      header[9] = 0x78; // the first key's opening quote becomes an x
      expect(
        errorOf(() => decodeCheckpoint({ ...files, 'model.safetensors': header })).message,
      ).toMatch(/^model\.safetensors: the header is not valid JSON/);
      const data = files['model.safetensors'].slice();
      data[data.length - 1] ^= 0x40; // a weight's byte: structurally fine, caught by the checksum
      expect(
        errorOf(() => decodeCheckpoint({ ...files, 'model.safetensors': data })).message,
      ).toMatch(
        /^model\.safetensors: checksum [0-9a-f]{8} does not match [0-9a-f]{8} recorded in checkpoint\.json; the file is corrupted$/,
      );
    });

    it('a sidecar that is not JSON, of another version, or missing', () => {
      const bad = new TextEncoder().encode('{"format": "xf-checkpoint", "version": 1,');
      expect(errorOf(() => decodeCheckpoint({ ...files, 'checkpoint.json': bad })).message).toMatch(
        /^checkpoint\.json: not valid JSON/,
      );
      const sidecar = JSON.parse(new TextDecoder().decode(files['checkpoint.json']));
      const v2 = new TextEncoder().encode(JSON.stringify({ ...sidecar, version: 2 }));
      expect(errorOf(() => decodeCheckpoint({ ...files, 'checkpoint.json': v2 })).message).toBe(
        'checkpoint.json: version 2 is not supported; this version of @xf/trainer reads version 1',
      );
      const { 'checkpoint.json': _, ...rest } = files;
      expect(errorOf(() => decodeCheckpoint(rest)).message).toBe(
        'checkpoint.json: missing; every checkpoint has this sidecar',
      );
    });

    it('a missing file or a missing tensor', () => {
      const { 'optimizer.safetensors': _, ...noOptimizer } = files;
      expect(errorOf(() => decodeCheckpoint(noOptimizer)).message).toBe(
        'optimizer.safetensors: missing; checkpoint.json lists it as the optimizer file',
      );
      const tensors = {
        'state.0.expAvg': tensor([
          [0, 0, 0],
          [0, 0, 0],
        ]),
      };
      const e = errorOf(() =>
        decodeCheckpoint(reseal(files, 'optimizer', encodeSafetensors(tensors))),
      );
      expect(e.message).toMatch(/^optimizer\.safetensors: tensor 'state\.0\.expAvgSq' is missing/);
    });

    it('a wrong dtype', () => {
      const model = {
        'fc.weight': tensor(
          [
            [1, 2, 3],
            [4, 5, 6],
          ],
          { dtype: 'int32' },
        ),
      };
      expect(
        errorOf(() => decodeCheckpoint(reseal(files, 'model', encodeSafetensors(model)))).message,
      ).toBe("model.safetensors: tensor 'fc.weight' has dtype int32; model weights must be F32");
    });
  });

  describe('restore is all or nothing', () => {
    it('a shape mismatch changes nothing, and says which tensor', () => {
      const { checkpoint } = setup();
      manualSeed(9);
      const other = new Net();
      other.fc = new nn.Linear(3, 5); // a different width
      const optimizer = new AdamW(other.parameters());
      const before = weights(other);
      const rng = getRngState();
      const e = errorOf(() => restoreCheckpoint(checkpoint, { model: other, optimizer }));
      expect(e.message).toContain(
        'model.safetensors: does not fit the model (Net): fc.weight has shape [2, 3], the model has [5, 3]',
      );
      expect(weights(other)).toEqual(before);
      expect(optimizer.state.size).toBe(0);
      expect(getRngState()).toEqual(rng);
    });

    it('a missing key changes nothing', () => {
      const { checkpoint, model } = setup();
      const before = weights(model);
      const { 'emb.weight': _, ...rest } = checkpoint.model;
      const e = errorOf(() =>
        restoreCheckpoint(
          {
            ...checkpoint,
            model: {
              ...rest,
              'fc.weight': tensor([
                [9, 9, 9],
                [9, 9, 9],
              ]),
            },
          },
          { model },
        ),
      );
      expect(e.message).toContain('missing tensors emb.weight');
      expect(weights(model)).toEqual(before);
    });

    it('an optimizer that does not fit changes nothing', () => {
      const { checkpoint, model } = setup();
      const before = weights(model);
      const twoGroups = new AdamW([
        { params: [model.fc.weight] },
        { params: [model.fc.bias!, model.emb.weight] },
      ]);
      const e = errorOf(() => restoreCheckpoint(checkpoint, { model, optimizer: twoGroups }));
      expect(e.message).toContain(
        'optimizer.safetensors: the optimizer state does not fit the optimizer',
      );
      expect(e.message).toContain('the state dict has 1 parameter groups, this optimizer has 2');
      expect(weights(model)).toEqual(before);
    });
  });
});

describe('checkpoint directories (node)', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const d = mkdtempSync(join(tmpdir(), 'xf-ckpt-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) {
      rmSync(d, { recursive: true, force: true });
    }
  });
  const withStep = (c: Checkpoint, step: number): Checkpoint => ({ ...c, step });

  it('saves versions, points latest.json at the newest, keeps the last two', () => {
    const { checkpoint, model } = setup();
    const dir = fresh();
    for (const step of [10, 20, 30]) {
      saveCheckpoint(dir, withStep(checkpoint, step));
    }
    expect(readdirSync(dir).sort()).toEqual(['latest.json', 'step-00000020', 'step-00000030']);
    expect(findCheckpoint(dir)).toBe(join(dir, 'step-00000030'));
    const loaded = loadCheckpoint(dir);
    expect(loaded.step).toBe(30);
    expect(loadCheckpoint(join(dir, 'step-00000020')).step).toBe(20); // a version directory loads directly
    // load and restore in one go
    const before = weights(model);
    model.fc.weight.data.fill(3);
    loadCheckpoint(dir, { model });
    expect(weights(model)).toEqual(before);
  });

  it('ignores and then clears what a killed save left behind', () => {
    const { checkpoint } = setup();
    const dir = fresh();
    saveCheckpoint(dir, withStep(checkpoint, 10));
    // a staging directory and a staged pointer from saves that died
    mkdirSync(join(dir, '.tmp-step-00000020-1-1-abc'));
    writeFileSync(join(dir, '.tmp-step-00000020-1-1-abc', 'model.safetensors'), 'partial');
    writeFileSync(join(dir, '.tmp-latest.json-1-2-def'), '{"format": "xf-checkp');
    // and a version renamed into place whose pointer switch never happened
    const crash = () => {
      throw new Error('simulated crash');
    };
    expect(() =>
      saveCheckpoint(dir, withStep(checkpoint, 20), {
        onStage: (s) => s === 'pointer-staged' && crash(),
      }),
    ).toThrow('simulated crash');
    expect(existsSync(join(dir, 'step-00000020'))).toBe(true);
    expect(loadCheckpoint(dir).step).toBe(10);
    // the next save clears the leftovers, steps around the orphaned version, and removes it
    saveCheckpoint(dir, withStep(checkpoint, 20));
    expect(loadCheckpoint(dir).step).toBe(20);
    expect(readdirSync(dir).sort()).toEqual(['latest.json', 'step-00000010', 'step-00000020-2']);
  });

  it('refuses damaged files with their full path', () => {
    const { checkpoint } = setup();
    const dir = fresh();
    const version = saveCheckpoint(dir, checkpoint);
    truncateSync(join(version, 'model.safetensors'), 50);
    const e = errorOf(() => loadCheckpoint(dir));
    expect(e.file).toBe(join(version, 'model.safetensors'));
    expect(e.message).toContain(`${join(version, 'model.safetensors')}: the header length`);
    writeFileSync(join(dir, 'latest.json'), 'not json');
    expect(errorOf(() => loadCheckpoint(dir)).message).toMatch(/latest\.json: not valid JSON/);
    const empty = fresh();
    expect(errorOf(() => loadCheckpoint(empty)).message).toBe(
      `${join(empty, 'latest.json')}: not found: no checkpoint has been saved in ${empty}`,
    );
    // restore errors name the file too
    const good = fresh();
    saveCheckpoint(good, checkpoint);
    const wide = new Net();
    wide.emb = new nn.Embedding(9, 3);
    expect(errorOf(() => loadCheckpoint(good, { model: wide })).file).toBe(
      join(good, 'step-00000007', 'model.safetensors'),
    );
  });
});

describe('MetricsWriter', () => {
  it('appends JSON Lines, and a resumed run drops the records after its checkpoint', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xf-metrics-'));
    try {
      const path = join(dir, 'logs', 'metrics.jsonl');
      const first = new MetricsWriter(path);
      for (let step = 1; step <= 5; step++) {
        first.write({ step, loss: 3 - step / 10, lr: 0.1, tokensPerSec: 100, elapsedMs: step });
      }
      first.flush();
      expect(readFileSync(path, 'utf8').split('\n')[0]).toBe(
        '{"step":1,"loss":2.9,"lr":0.1,"tokensPerSec":100,"elapsedMs":1}',
      );
      const resumed = new MetricsWriter(path, { fromStep: 3 });
      resumed.write({ step: 4, loss: 1, valLoss: 1.5, lr: 0.1, tokensPerSec: 100, elapsedMs: 9 });
      expect(readMetrics(path).map((r) => [r.step, r.loss])).toEqual([
        [1, 2.9],
        [2, 2.8],
        [3, 2.7],
        [4, 1],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
