/**
 * Times a spam-classifier-sized EncoderClassifier (vocab 2000, dModel 64, 4 heads, 2 layers,
 * batch 16 of up to 128 tokens, padded) on each backend: an eval forward, and a training step
 * (forward + backward, dropout 0.1). Median milliseconds and training tokens per second.
 * Run: pnpm --filter @xf/encoder bench
 */
import { manualSeed, randint, testing } from '@xf/tensor';
import { EncoderClassifier } from '../src/index.js';

const time = (fn: () => void): number =>
  testing.medianTimeMs(fn, { warmup: 1, minRuns: 3, maxRuns: 50, budgetMs: 2000 });

const B = 16;
const T = 128;
manualSeed(0);
const model = new EncoderClassifier({
  vocabSize: 2000,
  maxLen: T,
  dModel: 64,
  nHead: 4,
  nLayer: 2,
});
const ids = randint(1, 2000, [B, T], { dtype: 'int32' });
const lengths = Array.from({ length: B }, (_, i) => T - 4 * i);
const targets = Array.from({ length: B }, (_, i) => i % 2);
const tokens = lengths.reduce((a, b) => a + b, 0);

console.log(
  `EncoderClassifier ${model.numParameters()} parameters, batch ${B} x ${T} (${tokens} real tokens)`,
);
console.log('backend          eval forward ms   train step ms   train tokens/s');
for (const backend of testing.backendConfigs()) {
  backend.use();
  model.eval();
  const forward = time(() => model.forward(ids, { lengths }));
  model.train();
  const step = time(() => {
    model.zeroGrad();
    model.forward(ids, { lengths, targets }).loss!.backward();
  });
  const rate = Math.round(tokens / (step / 1000));
  console.log(
    `${backend.label.padEnd(16)} ${forward.toFixed(1).padStart(15)} ${step.toFixed(1).padStart(15)} ${String(rate).padStart(16)}`,
  );
}
