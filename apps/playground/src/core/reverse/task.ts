/**
 * Reverse a string of digits: the encoder reads it, the decoder writes it backwards. A task
 * that is trivial to state and impossible without attention to the right source position,
 * which the cross-attention heatmaps show as an anti-diagonal.
 */
import { Seq2SeqTransformer } from '@xf/decoder';
import { Generator, manualSeed } from '@xf/tensor';
import type { Json } from '@xf/trainer';
import { makeOptimizer, makeSchedule } from '../optim.js';
import { PRESETS } from '../presets.js';
import { makeRunConfig } from '../run-config.js';
import type { TrainSettings } from '../settings.js';
import type { Task } from '../task.js';
import { type ReverseBatch, ReverseLoader, randomDigitStrings } from './loader.js';
import { seq2seqConfig } from './model.js';
import { pairsOf, trainedReverse } from './trained.js';
import { VOCAB_SIZE } from './vocab.js';

const GOAL = 0.95;
/** Fresh strings behind the final score, from a generator no training batch came from. */
const REPORT_STRINGS = 500;
const REPORT_SEED = 987654321;

/** The digits as a tokenizer record, for the checkpoint. */
export const REVERSE_TOKENIZER: Json = {
  format: 'xf-playground-digits',
  special: ['<pad>', '<s>', '</s>'],
  digits: '0123456789',
  vocabSize: VOCAB_SIZE,
};

export function reverseTask(settings: TrainSettings): Task<ReverseBatch> {
  manualSeed(settings.seed);
  const modelConfig = seq2seqConfig(settings);
  const model = new Seq2SeqTransformer(modelConfig);
  const loader = new ReverseLoader(settings.batch, settings.block, settings.seed);
  const config = makeRunConfig('reverse', settings, { ...modelConfig });
  return {
    preset: PRESETS.reverse,
    settings,
    config,
    tokenizer: REVERSE_TOKENIZER,
    trained: trainedReverse(config, model),
    optimizer: makeOptimizer(model, settings),
    loader,
    schedule: makeSchedule(settings),
    lossFn: ({ src, tgtIn, targets }) => model.forward(src, tgtIn, { targets }).loss!,
    tokensPerBatch: ({ src, tgtIn }) => src.numel() + tgtIn.numel(),
    evalSample: (step) =>
      pairsOf(model, randomDigitStrings(new Generator(settings.seed + step), 3, settings.block))
        .map((p) => `${p.input} → ${p.output}${p.correct ? ' ✓' : ' ✗'}`)
        .join('   '),
    report: () => {
      const strings = randomDigitStrings(
        new Generator(REPORT_SEED),
        REPORT_STRINGS,
        settings.block,
      );
      const pairs: ReturnType<typeof pairsOf> = [];
      for (let i = 0; i < strings.length; i += 100)
        pairs.push(...pairsOf(model, strings.slice(i, i + 100)));
      const accuracy = pairs.filter((p) => p.correct).length / pairs.length;
      return {
        metrics: { exactMatch: accuracy },
        lines: [
          `exact match ${(100 * accuracy).toFixed(1)}% on ${pairs.length} fresh strings of 1-${settings.block} digits (goal >= ${100 * GOAL}%)`,
        ],
        met: accuracy >= GOAL,
      };
    },
  };
}
