/**
 * Child process: trains xf's GPT on Moby Dick batches on one backend (argv[2], default wasm)
 * and prints a TrainResult. Each step is forward, loss, backward and an AdamW update.
 */
import { backendInfo, manualSeed, setBackend, tensor } from '@xf/tensor';
import { AdamW, weightDecayGroups } from '@xf/trainer';
import { adamw, plan, shape } from './config.js';
import { batches, mobyDickCorpus } from './data.js';
import type { TrainResult } from './results.js';
import { peakRss, report, timeSteps } from './timing.js';
import { xfModel } from './xf-model.js';

const backend = process.argv[2] ?? 'wasm';
setBackend(backend);
manualSeed(0);

const { blockSize: T, batchSize: B } = shape;
const corpus = mobyDickCorpus();
const model = xfModel(corpus.vocab.length);
model.train();
// decay on ≥2-D tensors (matmul weights, both embeddings), none on biases and LayerNorm gains
const optimizer = new AdamW(weightDecayGroups(model, adamw.weightDecay), {
  lr: adamw.lr,
  betas: adamw.betas,
  eps: adamw.eps,
});
const next = batches(corpus.tokens, B, T);

function step(): number {
  const { x, y } = next();
  optimizer.zeroGrad();
  const { loss } = model.forward(
    tensor(x, [B, T], { dtype: 'int32' }),
    tensor(y, [B, T], { dtype: 'int32' }),
  );
  loss!.backward();
  optimizer.step();
  return loss!.item();
}

const run = plan.main();
const timed = await timeSteps(step, run);
const rss = peakRss();
const tokensPerStep = B * T;
const result: TrainResult = {
  label: `xf-${backend}`,
  detail: backendInfo().description,
  ...run,
  tokensPerStep,
  seconds: timed.seconds,
  tokensPerSec: (run.steps * tokensPerStep) / timed.seconds,
  medianStep: timed.medianStep,
  firstLoss: timed.losses[0],
  lastLoss: timed.losses[timed.losses.length - 1],
  losses: timed.losses,
  parameters: model.parameters().reduce((n, p) => n + p.numel(), 0),
  peakRss: rss,
};
report(result);
