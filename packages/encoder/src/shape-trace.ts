/** The shapes of one classifier forward pass, step by step, from token ids to logits. */
import { formatTrace, type TraceStep, traceShapes } from '@xf/tensor';
import type { EncoderClassifier, EncoderClassifierForwardOptions } from './classifier.js';
import { inEvalMode } from './eval-mode.js';
import type { Ids } from './inputs.js';

export interface EncoderShapeTrace {
  steps: TraceStep[];
  /** The steps as aligned text, one per line. */
  text: string;
}

/**
 * Runs model on ids once (eval mode, no gradients, the model's mode restored after) and
 * records every marked step: ids, embedding, positions, each layer's q, k, v, scores,
 * weights, heads, merged heads, norms and feed-forward hidden layer, pooling, logits, and
 * the loss when targets are given.
 */
export function encoderShapeTrace(
  model: EncoderClassifier,
  ids: Ids,
  options: EncoderClassifierForwardOptions = {},
): EncoderShapeTrace {
  const { steps } = traceShapes(() => inEvalMode(model, () => model.forward(ids, options)));
  return { steps, text: formatTrace(steps) };
}
