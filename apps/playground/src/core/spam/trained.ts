/** The spam classifier as the commands use it: classify a text, and what inspect shows. */
import {
  encoderParameterBreakdown,
  encoderShapeTrace,
  formatParameterBreakdown,
} from '@xf/encoder';
import type { Tensor } from '@xf/tensor';
import { type AttentionMap, headsOf, tokenLabel } from '../attention-maps.js';
import type { RunConfig } from '../run-config.js';
import type { Classification, TrainedClassifier } from '../trained.js';
import { LABELS } from './mail.js';
import { encodeMail, type SpamModel } from './model.js';

export const DEFAULT_SPAM_PROMPT =
  'Congratulations! You have been selected to receive a FREE prize';

export class EmptyTextError extends Error {}

export function trainedSpam(config: RunConfig, spam: SpamModel): TrainedClassifier {
  const { model, tokenizer } = spam;
  const encode = (text: string) => {
    const ids = encodeMail(tokenizer, text, model.config.maxLen);
    if (ids.length === 0) throw new EmptyTextError('there is no text to classify');
    return ids;
  };
  return {
    kind: 'classifier',
    config,
    model,
    labels: [...LABELS],
    defaultPrompt: DEFAULT_SPAM_PROMPT,
    classify(text: string): Classification {
      const p = model.probabilities([encode(text)]).data;
      const probabilities = { ham: p[0], spam: p[1] };
      const label = p[1] >= 0.5 ? 'spam' : 'ham';
      return { label, probability: probabilities[label], probabilities };
    },
    inspect(prompt: string) {
      const ids = encode(prompt);
      const trace = encoderShapeTrace(model, [ids]).text;
      // the forward pass of the trace leaves each layer's per-head weights behind
      const labels = ids.map((id) => tokenLabel(tokenizer.decode([id])));
      const attention: AttentionMap[] = [...model.encoder.layers].map((layer, i) => ({
        title: `layer ${i}`,
        rows: labels,
        cols: labels,
        heads: headsOf(layer.self_attn.lastAttnWeights as Tensor),
      }));
      return {
        config: { ...model.config },
        breakdown: formatParameterBreakdown(encoderParameterBreakdown(model)),
        trace,
        attention,
      };
    },
  };
}
