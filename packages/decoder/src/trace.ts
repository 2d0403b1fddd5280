import { noGrad, type Tensor, type TraceStep, traceShapes } from '@xf/tensor';
import type { GPT } from './gpt.js';
import type { Seq2SeqTransformer } from './seq2seq.js';

/** Every step of one forward pass with its shape: ids, embeddings, each block's q/k/v, scores, ..., logits. */
export function gptShapeTrace(model: GPT, idx: Tensor): TraceStep[] {
  const wasTraining = model.training;
  model.eval();
  try {
    return noGrad(() => traceShapes(() => model.forward(idx)).steps);
  } finally {
    model.train(wasTraining);
  }
}

/** Every step of one encoder-decoder forward pass with its shape: source, memory, each layer, logits. */
export function seq2seqShapeTrace(
  model: Seq2SeqTransformer,
  src: Tensor,
  tgtIn: Tensor,
): TraceStep[] {
  const wasTraining = model.training;
  model.eval();
  try {
    return noGrad(() => traceShapes(() => model.forward(src, tgtIn)).steps);
  } finally {
    model.train(wasTraining);
  }
}
