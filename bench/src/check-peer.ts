/**
 * Checks that the tfjs peer computes what xf's GPT does: both start from the same weights
 * (xf's initialisation, copied into tfjs) and train on the same batches with the same AdamW;
 * prints both losses step by step and the largest gap. Not timed.
 *
 *   pnpm --filter @xf/bench check-peer    (XF_CHECK_STEPS=N, default 20; XF_CHECK_PEER=wasm|cpu)
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { manualSeed, setBackend, tensor } from '@xf/tensor';
import { AdamW, weightDecayGroups } from '@xf/trainer';
import { adamw, modelShape, shape } from './config.js';
import { batches, mobyDickCorpus } from './data.js';
import type { PeerCheck } from './results.js';
import { TfGPT } from './tfjs-gpt.js';
import { report } from './timing.js';
import { xfModel } from './xf-model.js';

const steps = Number(process.env.XF_CHECK_STEPS ?? 20);
const peer = process.env.XF_CHECK_PEER ?? 'wasm';
tf.enableProdMode();
await tf.setBackend(peer);
await tf.ready();
setBackend('wasm');
manualSeed(0);

const { blockSize: T, batchSize: B } = shape;
const corpus = mobyDickCorpus();
const ours = xfModel(corpus.vocab.length);
const theirs = new TfGPT(modelShape(corpus.vocab.length));

// the same starting weights: xf's, by name (lm_head.weight is wte on both sides)
for (const [name, p] of ours.namedParameters()) {
  const v = theirs.params.get(name);
  if (!v) throw new Error(`check-peer: the tfjs model has no parameter ${name}`);
  if (v.shape.join() !== p.shape.join()) throw new Error(`check-peer: ${name} shapes differ`);
  v.assign(tf.tensor(p.data, p.shape as number[]));
}
if (ours.numParameters() !== theirs.numParameters()) {
  throw new Error(
    `check-peer: ${ours.numParameters()} parameters in xf, ${theirs.numParameters()} in tfjs`,
  );
}

const opt = new AdamW(weightDecayGroups(ours, adamw.weightDecay), {
  lr: adamw.lr,
  betas: adamw.betas,
  eps: adamw.eps,
});
const variables = theirs.variables();
const decayed = variables.filter((v) => v.rank >= 2);
const tfOpt = tf.train.adam(adamw.lr, adamw.betas[0], adamw.betas[1], adamw.eps);
const next = batches(corpus.tokens, B, T);

let worst = 0;
console.log(`step  xf loss  tfjs-${peer} loss  gap`);
for (let i = 0; i < steps; i++) {
  const { x, y } = next();
  opt.zeroGrad();
  const { loss } = ours.forward(
    tensor(x, [B, T], { dtype: 'int32' }),
    tensor(y, [B, T], { dtype: 'int32' }),
  );
  loss!.backward();
  opt.step();
  const a = loss!.item();

  const tx = tf.tensor2d(x, [B, T], 'int32');
  const ty = tf.tensor2d(y, [B, T], 'int32');
  const { value, grads } = tf.variableGrads(() => theirs.loss(tx, ty), variables);
  tf.tidy(() => {
    for (const v of decayed) v.assign(v.mul(1 - adamw.lr * adamw.weightDecay));
  });
  tfOpt.applyGradients(Object.entries(grads).map(([name, t]) => ({ name, tensor: t })));
  const b = (await value.data())[0];
  tf.dispose([tx, ty, value, ...Object.values(grads)]);

  worst = Math.max(worst, Math.abs(a - b));
  console.log(
    `${String(i).padStart(4)}  ${a.toFixed(5)}  ${b.toFixed(5)}  ${(a - b).toExponential(1)}`,
  );
}
console.log(`largest gap over ${steps} steps: ${worst.toExponential(2)}`);
const result: PeerCheck = { peer: `tfjs-${peer}`, steps, largestGap: worst };
report(result);
