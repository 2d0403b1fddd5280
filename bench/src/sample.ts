/**
 * Child process: xf's GPT, the training benchmark's shape, generating new tokens after a
 * blockSize-token Moby Dick prompt, with the KV cache and without it, on one backend
 * (argv[2], default wasm). Freshly initialised: the speed does not depend on the weights.
 * Prints a SampleResult.
 */
import { backendInfo, manualSeed, setBackend, type Tensor, tensor } from '@xf/tensor';
import { plan, shape } from './config.js';
import { mobyDickCorpus, prompt } from './data.js';
import type { SampleResult } from './results.js';
import { report } from './timing.js';
import { xfModel } from './xf-model.js';

const backend = process.argv[2] ?? 'wasm';
setBackend(backend);
manualSeed(0);

const T = shape.blockSize;
const corpus = mobyDickCorpus();
const model = xfModel(corpus.vocab.length);
const idx = tensor(prompt(corpus, T), [1, T], { dtype: 'int32' });
const n = plan.newTokens();
const runs = 2;

function best(useCache: boolean): { seconds: number; out: Tensor } {
  model.generate(idx, 8, { useCache, seed: 1 }); // warm-up
  let seconds = Number.POSITIVE_INFINITY;
  let out = idx;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    out = model.generate(idx, n, { useCache, seed: 1 });
    seconds = Math.min(seconds, (performance.now() - t0) / 1000);
  }
  return { seconds, out };
}

const cached = best(true);
const uncached = best(false);
const result: SampleResult = {
  label: `xf-${backend}`,
  detail: backendInfo().description,
  promptTokens: T,
  newTokens: n,
  cachedSeconds: cached.seconds,
  uncachedSeconds: uncached.seconds,
  cachedTokensPerSec: n / cached.seconds,
  uncachedTokensPerSec: n / uncached.seconds,
  sameTokens: cached.out.data.every((t, i) => t === uncached.out.data[i]),
};
report(result);
