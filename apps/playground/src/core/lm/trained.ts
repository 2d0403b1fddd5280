/** A character-level GPT as the commands use it: samples, and what inspect shows. */
import { formatParameterBreakdown, gptParameterBreakdown, gptShapeTrace } from '@xf/decoder';
import { formatTrace, tensor } from '@xf/tensor';
import type { RunConfig } from '../run-config.js';
import type { SampleRequest, SampleResult, TrainedGenerator } from '../trained.js';
import { gptAttention } from './attention.js';
import type { CharLm } from './model.js';
import { checkPrompt, sampleNames, sampleText } from './sample.js';

export const DEFAULT_PROMPTS = { names: 'emma', moby: 'Call me Ishmael. ' } as const;

export function trainedLm(config: RunConfig, lm: CharLm): TrainedGenerator {
  const names = config.preset === 'names';
  const defaultPrompt = names ? DEFAULT_PROMPTS.names : DEFAULT_PROMPTS.moby;
  return {
    kind: 'lm',
    config,
    model: lm.model,
    defaultPrompt,
    sample(request: SampleRequest): SampleResult {
      const { prompt = '', n, temperature, topK, topP, seed } = request;
      const options = { temperature, topK, topP, seed };
      return names
        ? { kind: 'names', names: sampleNames(lm, n ?? 10, prompt, options) }
        : { kind: 'text', text: sampleText(lm, prompt, n ?? 400, options) };
    },
    inspect(prompt: string) {
      const text = names ? `\n${prompt.toLowerCase()}` : prompt;
      checkPrompt(lm, text);
      const ids = lm.tokenizer.encode(text).slice(-lm.model.config.blockSize);
      return {
        config: { ...lm.model.config },
        breakdown: formatParameterBreakdown(gptParameterBreakdown(lm.model.config)),
        trace: formatTrace(gptShapeTrace(lm.model, tensor([ids], { dtype: 'int32' }))),
        attention: gptAttention(lm, lm.tokenizer.decode(ids)),
      };
    },
  };
}
