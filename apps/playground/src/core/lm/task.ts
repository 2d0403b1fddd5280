/**
 * Character-level language modelling: predict each next character of a long text. Windows of
 * `block` characters are drawn at random from the first 90% of the text; the last 10% is the
 * validation set.
 */
import { manualSeed } from '@xf/tensor';
import { CharTokenizer, type CharTokenizerJSON } from '@xf/tokenizer';
import { type Json, type LanguageModelBatch, LanguageModelLoader } from '@xf/trainer';
import { makeOptimizer, makeSchedule } from '../optim.js';
import { PRESETS, type PresetName } from '../presets.js';
import { makeRunConfig } from '../run-config.js';
import type { TrainSettings } from '../settings.js';
import type { Report, Task } from '../task.js';
import { heldOutLoss } from './held-out.js';
import { charLm, gptConfig } from './model.js';
import { sampleNames, sampleText } from './sample.js';
import { DEFAULT_PROMPTS, trainedLm } from './trained.js';

/** The goal of each language-model preset, in nats per character on the held-out text. */
const GOALS: Partial<Record<PresetName, number>> = { names: 2.3, moby: 1.9 };

export function lmTask(
  preset: PresetName,
  text: string,
  settings: TrainSettings,
  saved: Json | null = null,
): Task<LanguageModelBatch> {
  const tokenizer = saved
    ? CharTokenizer.fromJSON(saved as unknown as CharTokenizerJSON)
    : CharTokenizer.fromText(text);
  const tokens = tokenizer.encode(text);
  manualSeed(settings.seed);
  const modelConfig = gptConfig(settings, tokenizer.vocabSize);
  const lm = charLm(modelConfig, tokenizer);
  const loader = new LanguageModelLoader(tokens, {
    batchSize: settings.batch,
    blockSize: settings.block,
    valFraction: 0.1,
    seed: settings.seed,
  });
  const config = makeRunConfig(preset, settings, { ...modelConfig });
  const names = preset === 'names';
  const lossFn = ({ x, y }: LanguageModelBatch) => lm.model.forward(x, y).loss!;
  return {
    preset: PRESETS[preset],
    settings,
    config,
    tokenizer: tokenizer.toJSON() as unknown as Json,
    trained: trainedLm(config, lm),
    optimizer: makeOptimizer(lm.model, settings),
    loader,
    schedule: makeSchedule(settings),
    lossFn,
    evalSample: (step) => {
      const seed = settings.seed + step;
      return names
        ? sampleNames(lm, 8, '', { seed, temperature: 1 }).join(', ')
        : sampleText(lm, DEFAULT_PROMPTS.moby, 160, { seed, temperature: 0.8 });
    },
    report: () => {
      const valLoss = heldOutLoss(lm.model, loader.splits.val, settings.block, 64);
      const goal = GOALS[preset] ?? Number.POSITIVE_INFINITY;
      const chars = loader.splits.val.length.toLocaleString('en-US');
      const report: Report = {
        metrics: { valLoss },
        lines: [
          `val loss ${valLoss.toFixed(3)} nats per character over all ${chars} held-out characters (goal <= ${goal})`,
        ],
        met: valLoss <= goal,
      };
      return report;
    },
  };
}
