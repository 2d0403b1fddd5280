/**
 * Child process: trains xf's GPT on Moby Dick batches on one backend (argv[2], default wasm)
 * and prints a TrainResult. Each step is forward, loss, backward and an AdamW update.
 */
import { backendInfo, manualSeed, setBackend, tensor } from '@xf/tensor';
import { AdamW, weightDecayGroups } from '@xf/trainer';
import { adamw, plan, shape } from './config.js';
import { batches, mobyDickCorpus } from './data.js';
import { report, timeTraining } from './timing.js';
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
report(
  await timeTraining(step, run, {
    label: `xf-${backend}`,
    detail: backendInfo().description,
    parameters: model.numParameters(),
    tokensPerStep: B * T,
  }),
);
