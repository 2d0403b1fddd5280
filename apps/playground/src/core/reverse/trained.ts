/** The reverse model as the commands use it: translate strings, and what inspect shows. */
import {
  formatParameterBreakdown,
  type Seq2SeqTransformer,
  seq2seqParameterBreakdown,
  seq2seqShapeTrace,
} from '@xf/decoder';
import { formatTrace, Generator, noGrad, type Tensor } from '@xf/tensor';
import { type AttentionMap, headsOf } from '../attention-maps.js';
import type { RunConfig } from '../run-config.js';
import type { SampleRequest, SequencePair, TrainedGenerator } from '../trained.js';
import { randomDigitStrings, reverseBatch } from './loader.js';
import { translate } from './model.js';
import { isDigitString, reverseDigits } from './vocab.js';

export const DEFAULT_REVERSE_PROMPT = '1234567';

export class DigitsError extends Error {}

function checkDigits(text: string, maxDigits: number): void {
  if (!isDigitString(text)) {
    throw new DigitsError(`the reverse model reads digits only (0-9), got ${JSON.stringify(text)}`);
  }
  if (text.length > maxDigits) {
    throw new DigitsError(
      `the reverse model was trained on strings of up to ${maxDigits} digits, got ${text.length}`,
    );
  }
}

export function pairsOf(
  model: Seq2SeqTransformer,
  strings: string[],
  request: SampleRequest = {},
): SequencePair[] {
  const outputs = translate(model, strings, request);
  return strings.map((input, i) => {
    const expected = reverseDigits(input);
    return { input, output: outputs[i], expected, correct: outputs[i] === expected };
  });
}

export function trainedReverse(config: RunConfig, model: Seq2SeqTransformer): TrainedGenerator {
  const maxDigits = config.settings.block;
  return {
    kind: 'seq2seq',
    config,
    model,
    defaultPrompt: DEFAULT_REVERSE_PROMPT.slice(0, maxDigits),
    sample(request) {
      const { prompt, n = 8, seed = 0 } = request;
      let strings: string[];
      if (prompt) {
        checkDigits(prompt, maxDigits);
        strings = [prompt];
      } else {
        strings = randomDigitStrings(new Generator(seed), n, maxDigits);
      }
      return { kind: 'sequences', pairs: pairsOf(model, strings, request) };
    },
    inspect(prompt: string) {
      checkDigits(prompt, maxDigits);
      // the decoder reads what the model itself writes: BOS, then its own (greedy) answer
      const answer = translate(model, [prompt])[0];
      const src = reverseBatch([prompt]).src;
      const tgtIn = reverseBatch([prompt]).tgtIn.narrow(1, 0, 1);
      const written = answer === '' ? tgtIn : reverseBatch([reverseDigits(answer)]).tgtIn;
      const trace = formatTrace(seq2seqShapeTrace(model, src, written));
      // run once more in eval mode; every attention module keeps its last per-head weights
      const wasTraining = model.training;
      model.eval();
      try {
        noGrad(() => model.forward(src, written));
      } finally {
        model.train(wasTraining);
      }
      const srcLabels = [...prompt];
      const tgtLabels = ['<s>', ...answer].slice(0, written.shape[1]);
      const maps: AttentionMap[] = [];
      const weights = (w: Tensor | null) => headsOf(w as Tensor);
      [...model.transformer.encoder.layers].forEach((layer, i) => {
        maps.push({
          title: `encoder ${i}, self-attention`,
          rows: srcLabels,
          cols: srcLabels,
          heads: weights(layer.self_attn.lastAttnWeights),
        });
      });
      [...model.transformer.decoder.layers].forEach((layer, i) => {
        maps.push({
          title: `decoder ${i}, self-attention`,
          rows: tgtLabels,
          cols: tgtLabels,
          heads: weights(layer.self_attn.lastAttnWeights),
        });
        maps.push({
          title: `decoder ${i}, cross-attention`,
          rows: tgtLabels,
          cols: srcLabels,
          heads: weights(layer.multihead_attn.lastAttnWeights),
        });
      });
      return {
        config: { ...model.config },
        breakdown: formatParameterBreakdown(seq2seqParameterBreakdown(model)),
        trace,
        attention: maps,
      };
    },
  };
}
