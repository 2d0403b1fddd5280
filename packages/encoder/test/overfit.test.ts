/**
 * The classifier can learn: a small synthetic batch fitted to near-zero loss with a plain
 * Adam loop written here (no trainer package).
 */
import { Generator, manualSeed, noGrad, type Tensor } from '@xf/tensor';
import { describe, expect, it } from 'vitest';
import { EncoderClassifier, type EncoderClassifierConfig } from '../src/index.js';

/** Adam (Kingma & Ba) over plain Float32Arrays, updating the parameters in place. */
function adam(params: Tensor[], lr: number) {
  const [beta1, beta2, eps] = [0.9, 0.999, 1e-8];
  const m = params.map((p) => new Float32Array(p.numel()));
  const v = params.map((p) => new Float32Array(p.numel()));
  let t = 0;
  return () => {
    t++;
    noGrad(() => {
      params.forEach((p, i) => {
        const g = p.grad?.data;
        if (!g) return;
        for (let j = 0; j < g.length; j++) {
          m[i][j] = beta1 * m[i][j] + (1 - beta1) * g[j];
          v[i][j] = beta2 * v[i][j] + (1 - beta2) * g[j] * g[j];
          const mHat = m[i][j] / (1 - beta1 ** t);
          const vHat = v[i][j] / (1 - beta2 ** t);
          p.data[j] -= (lr * mHat) / (Math.sqrt(vHat) + eps);
        }
      });
    });
  };
}

/** Random sequences of ids 1..7, lengths 2..6, padded with 0. */
function batch(n: number, seed: number) {
  const gen = new Generator(seed);
  const ids: number[][] = [];
  const lengths: number[] = [];
  for (let i = 0; i < n; i++) {
    const len = 2 + Math.floor(gen.uniform() * 5);
    ids.push(
      Array.from({ length: 6 }, (_, t) => (t < len ? 1 + Math.floor(gen.uniform() * 7) : 0)),
    );
    lengths.push(len);
  }
  return { ids, lengths };
}

function fit(
  config: EncoderClassifierConfig,
  data: { ids: number[][]; lengths: number[] },
  targets: number[],
  steps: number,
): { first: number; last: number; model: EncoderClassifier } {
  manualSeed(0);
  const model = new EncoderClassifier(config);
  const step = adam(model.parameters(), 1e-2);
  let first = Number.NaN;
  let last = Number.NaN;
  for (let i = 0; i < steps; i++) {
    model.zeroGrad();
    const { loss } = model.forward(data.ids, { lengths: data.lengths, targets });
    loss!.backward();
    step();
    if (i === 0) first = loss!.item();
    last = loss!.item();
  }
  return { first, last, model };
}

const small: EncoderClassifierConfig = {
  vocabSize: 8,
  maxLen: 6,
  dModel: 16,
  nHead: 2,
  nLayer: 1,
  dimFeedforward: 32,
  dropout: 0,
  padId: 0,
};

describe('overfitting a small batch', () => {
  it('binary: does token 3 appear? (post-norm, mean pooling, sigmoid head)', () => {
    const data = batch(16, 1);
    // the padding (id 0) never holds a 3, so lengths need not be consulted for the labels
    const targets = data.ids.map((row) => (row.includes(3) ? 1 : 0));
    expect(new Set(targets).size).toBe(2);
    const { first, last, model } = fit(small, data, targets, 150);
    expect(first).toBeGreaterThan(0.3);
    expect(last).toBeLessThan(0.02);
    expect(Array.from(model.predict(data.ids, { lengths: data.lengths }).data)).toEqual(targets);
  });

  it('3 classes: which of the tokens 1, 2, 3 comes first? (pre-norm, learned positions, cls pooling)', () => {
    const data = batch(16, 2);
    const targets = data.ids.map((row) => {
      const first = row.find((id) => id >= 1 && id <= 3);
      return first === undefined ? 0 : first - 1;
    });
    const { first, last } = fit(
      { ...small, normFirst: true, positional: 'learned', pooling: 'cls', numClasses: 3 },
      data,
      targets,
      150,
    );
    expect(first).toBeGreaterThan(0.5);
    expect(last).toBeLessThan(0.02);
  });
});
