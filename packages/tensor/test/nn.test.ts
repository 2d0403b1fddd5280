import { describe, expect, it } from 'vitest';
import * as xf from '../src/index.js';
import { manualSeed, nn, tensor, testing } from '../src/index.js';

class TwoLayer extends nn.Module {
  fc1 = new nn.Linear(4, 8);
  act = new nn.Dropout(0.5);
  fc2 = new nn.Linear(8, 2, { bias: false });
  override forward(x: xf.Tensor): xf.Tensor {
    return this.fc2.forward(this.act.forward(this.fc1.forward(x).relu()));
  }
}

describe('Module', () => {
  it('finds parameters with dotted names in definition order', () => {
    const m = new TwoLayer();
    expect(m.namedParameters().map(([n, p]) => [n, p.shape])).toEqual([
      ['fc1.weight', [8, 4]],
      ['fc1.bias', [8]],
      ['fc2.weight', [2, 8]],
    ]);
    expect(m.numParameters()).toBe(8 * 4 + 8 + 16);
    expect(m.namedModules().map(([n]) => n)).toEqual(['', 'fc1', 'act', 'fc2']);
  });

  it('lists a shared (tied) parameter once, but under every name in the state dict', () => {
    class Tied extends nn.Module {
      emb = new nn.Embedding(5, 3);
      head = new nn.Linear(3, 5, { bias: false });
      constructor() {
        super();
        this.head.weight = this.emb.weight;
      }
    }
    const m = new Tied();
    expect(m.parameters()).toHaveLength(1);
    expect(Object.keys(m.stateDict())).toEqual(['emb.weight', 'head.weight']);
  });

  it('state dict round trip into a fresh module', () => {
    manualSeed(1);
    const a = new TwoLayer();
    manualSeed(2);
    const b = new TwoLayer();
    const x = xf.randn(3, 4);
    a.eval();
    b.eval();
    expect(() => testing.assertClose(a.forward(x), b.forward(x))).toThrow();
    const result = b.loadStateDict(a.stateDict());
    expect(result).toEqual({ missingKeys: [], unexpectedKeys: [] });
    testing.assertClose(a.forward(x), b.forward(x));
  });

  it('refuses mismatched state dicts and changes nothing', () => {
    const m = new TwoLayer();
    const before = m.fc1.weight.data.slice();
    const state = { ...m.stateDict(), 'fc1.weight': xf.zeros(8, 5) } as Record<string, xf.Tensor>;
    expect(() => m.loadStateDict(state)).toThrow(
      'loadStateDict(TwoLayer): fc1.weight: checkpoint has shape [8, 5], model has [8, 4]',
    );
    const missing = { 'fc1.weight': xf.zeros(8, 4), extra: xf.zeros(1) };
    expect(() => m.loadStateDict(missing)).toThrow(
      /missing keys: fc1.bias, fc2.weight; unexpected keys: extra/,
    );
    expect(Array.from(m.fc1.weight.data)).toEqual(Array.from(before));
    expect(m.loadStateDict(missing as Record<string, xf.Tensor>, { strict: false })).toEqual({
      missingKeys: ['fc1.bias', 'fc2.weight'],
      unexpectedKeys: ['extra'],
    });
    expect(Array.from(m.fc1.weight.data).every((v) => v === 0)).toBe(true);
  });

  it('train/eval reach every submodule; zeroGrad clears', () => {
    const m = new TwoLayer().eval();
    expect(m.modules().every((x) => !x.training)).toBe(true);
    m.train();
    expect(m.act.training).toBe(true);
    m.forward(xf.randn(2, 4)).sum().backward();
    expect(m.fc1.weight.grad).not.toBeNull();
    m.zeroGrad();
    expect(m.parameters().every((p) => p.grad === null)).toBe(true);
  });

  it('buffers are saved but not trained; non-persistent ones are not saved', () => {
    class WithBuffer extends nn.Module {
      constructor() {
        super();
        this.registerBuffer('table', xf.ones(2));
        this.registerBuffer('cache', xf.zeros(2), false);
      }
    }
    const m = new WithBuffer();
    expect(m.parameters()).toHaveLength(0);
    expect(Object.keys(m.stateDict())).toEqual(['table']);
    expect(m.namedBuffers().map(([n]) => n)).toEqual(['table', 'cache']);
  });

  it('ModuleList and Sequential name items by index', () => {
    const seq = new nn.Sequential(new nn.Linear(2, 3), new nn.Linear(3, 1));
    expect(Object.keys(seq.stateDict())).toEqual(['0.weight', '0.bias', '1.weight', '1.bias']);
    expect((seq.forward(xf.ones(4, 2)) as xf.Tensor).shape).toEqual([4, 1]);
    expect(seq.length).toBe(2);
    expect(() => seq.at(5)).toThrow(/index 5 is out of range for length 2/);
  });
});

describe('layers', () => {
  it('Linear computes x Wᵀ + b and initialises within ±1/√in', () => {
    manualSeed(0);
    const lin = new nn.Linear(16, 4);
    const bound = 1 / 4;
    expect(lin.weight.data.every((v) => Math.abs(v) <= bound)).toBe(true);
    expect(lin.bias!.data.every((v) => Math.abs(v) <= bound)).toBe(true);
    const x = xf.randn(3, 16);
    testing.assertClose(lin.forward(x), x.matmul(lin.weight.t()).add(lin.bias!), { atol: 1e-5 });
    expect(() => lin.forward(xf.randn(3, 15))).toThrow(
      'linear: input of shape [3, 15] does not end in in_features = 16 (weight [4, 16])',
    );
    expect(() => new nn.Linear(0, 3)).toThrow(/inFeatures must be a positive integer/);
  });

  it('Embedding looks up rows and gives no gradient to the padding row', () => {
    const emb = new nn.Embedding(4, 2, { paddingIdx: 0 });
    expect(Array.from(emb.weight.data.subarray(0, 2))).toEqual([0, 0]);
    const ids = tensor([[1, 0, 1]], { dtype: 'int32' });
    const out = emb.forward(ids);
    expect(out.shape).toEqual([1, 3, 2]);
    testing.assertClose(out.select(1, 0), emb.weight.select(0, 1).unsqueeze(0));
    out.sum().backward();
    expect(emb.weight.grad!.toArray()).toEqual([
      [0, 0],
      [2, 2],
      [0, 0],
      [0, 0],
    ]);
    expect(() => emb.forward(tensor([4]))).toThrow(
      'embedding: index 4 is out of range for the embedding table (num_embeddings) of size 4',
    );
    expect(() => emb.forward(tensor([1.5]))).toThrow(/index 1.5 at position 0 is not an integer/);
  });

  it('Dropout zeroes about p and rescales in training, and is the identity in eval', () => {
    manualSeed(3);
    const drop = new nn.Dropout(0.25);
    const x = xf.ones(10000);
    const y = drop.forward(x);
    const zeros = y.data.filter((v) => v === 0).length;
    expect(zeros / 10000).toBeGreaterThan(0.22);
    expect(zeros / 10000).toBeLessThan(0.28);
    expect(y.data.filter((v) => v !== 0).every((v) => Math.abs(v - 1 / 0.75) < 1e-6)).toBe(true);
    drop.eval();
    expect(drop.forward(x)).toBe(x);
    expect(() => new nn.Dropout(1.5)).toThrow(/between 0 and 1/);
  });

  it('init functions give the advertised statistics', () => {
    manualSeed(4);
    const w = xf.zeros(200, 300);
    nn.init.normal_(w, 0, 0.02);
    const std = Math.sqrt(w.data.reduce((s, v) => s + v * v, 0) / w.numel());
    expect(Math.abs(std - 0.02)).toBeLessThan(0.001);
    nn.init.xavierUniform_(w);
    const bound = Math.sqrt(6 / 500);
    expect(w.data.every((v) => Math.abs(v) <= bound)).toBe(true);
    expect(Math.max(...w.data)).toBeGreaterThan(bound * 0.99);
  });
});
