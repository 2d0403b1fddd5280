/**
 * Child process: trains the TensorFlow.js peer (tfjs-gpt.ts) on the same Moby Dick batches on
 * one tfjs backend (argv[2]: wasm or cpu) and prints a TrainResult. Each step is forward,
 * loss, backward (tf.variableGrads) and AdamW: tf.train.adam's update after PyTorch's
 * decoupled weight decay, p ← p (1 - lr λ) on the ≥2-D weights, applied to the weights the
 * gradient was computed at, as torch.optim.AdamW does.
 */
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { adamw, modelShape, plan, shape } from './config.js';
import { batches, mobyDickCorpus } from './data.js';
import { TfGPT } from './tfjs-gpt.js';
import { report, timeTraining } from './timing.js';

const backend = process.argv[2] ?? 'wasm';
// what a production user sets; it also silences the banner suggesting tfjs-node
tf.enableProdMode();
if (!(await tf.setBackend(backend))) throw new Error(`tfjs: backend ${backend} did not start`);
await tf.ready();

const { blockSize: T, batchSize: B } = shape;
const corpus = mobyDickCorpus();
const model = new TfGPT(modelShape(corpus.vocab.length));
const variables = model.variables();
const decayed = variables.filter((v) => v.rank >= 2);
const optimizer = tf.train.adam(adamw.lr, adamw.betas[0], adamw.betas[1], adamw.eps);
const decay = 1 - adamw.lr * adamw.weightDecay;
const next = batches(corpus.tokens, B, T);

async function step(): Promise<number> {
  const batch = next();
  const x = tf.tensor2d(batch.x, [B, T], 'int32');
  const y = tf.tensor2d(batch.y, [B, T], 'int32');
  const { value, grads } = tf.variableGrads(() => model.loss(x, y), variables);
  tf.tidy(() => {
    for (const v of decayed) v.assign(v.mul(decay));
  });
  optimizer.applyGradients(Object.entries(grads).map(([name, tensor]) => ({ name, tensor })));
  const loss = (await value.data())[0];
  tf.dispose([x, y, value, ...Object.values(grads)]);
  return loss;
}

const run = backend === 'cpu' ? plan.slow() : plan.main();
report(
  await timeTraining(step, run, {
    label: `tfjs-${backend}`,
    detail:
      backend === 'wasm'
        ? `tfjs ${tf.version.tfjs} wasm, ${getThreadsCount()} thread(s)`
        : `tfjs ${tf.version.tfjs} ${backend}`,
    parameters: model.numParameters(),
    tokensPerStep: B * T,
  }),
);
