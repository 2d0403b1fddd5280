/**
 * Spam or ham: a transformer encoder reads the first `block` BPE tokens of a mail and gives
 * the probability that it is spam. The BPE vocabulary is learned from the training mail only.
 */
import { EncoderClassifier } from '@xf/encoder';
import { manualSeed } from '@xf/tensor';
import { BpeTokenizer, type BpeTokenizerJSON } from '@xf/tokenizer';
import {
  type ClassificationBatch,
  ClassificationLoader,
  type Example,
  type Json,
} from '@xf/trainer';
import type { Mail } from '../corpus.js';
import { makeOptimizer, makeSchedule } from '../optim.js';
import { PRESETS } from '../presets.js';
import { makeRunConfig } from '../run-config.js';
import type { TrainSettings } from '../settings.js';
import type { Task } from '../task.js';
import { splitMails } from './data.js';
import { scores, spamProbabilities } from './metrics.js';
import { classifierConfig, padIdOf, trainTokenizer } from './model.js';
import { trainedSpam } from './trained.js';

const GOAL = 0.95;

export function spamTask(
  mails: readonly Mail[],
  settings: TrainSettings,
  saved: Json | null = null,
): Task<ClassificationBatch> {
  const split = splitMails(mails);
  const tokenizer = saved
    ? BpeTokenizer.fromJSON(saved as unknown as BpeTokenizerJSON)
    : trainTokenizer(split.train.map((m) => m.text));
  const toExample = (m: Mail): Example => ({
    ids: tokenizer.encodeOrdinary(m.text).slice(0, settings.block),
    label: m.spam ? 1 : 0,
  });
  const train = split.train.map(toExample).filter((e) => e.ids.length > 0);
  const val = split.val.map(toExample).filter((e) => e.ids.length > 0);
  const padId = padIdOf(tokenizer);
  manualSeed(settings.seed);
  const modelConfig = classifierConfig(settings, tokenizer.vocabSize, padId);
  const model = new EncoderClassifier(modelConfig);
  const loader = new ClassificationLoader(
    { train, val },
    { batchSize: settings.batch, padId, seed: settings.seed },
  );
  const config = makeRunConfig('spam', settings, { ...model.config } as Record<string, Json>);
  const spam = { model, tokenizer };
  return {
    preset: PRESETS.spam,
    settings,
    config,
    tokenizer: tokenizer.toJSON() as unknown as Json,
    trained: trainedSpam(config, spam),
    optimizer: makeOptimizer(model, settings),
    loader,
    schedule: makeSchedule(settings),
    lossFn: ({ ids, labels, lengths }) => model.forward(ids, { targets: labels, lengths }).loss!,
    report: () => {
      const s = scores(val, spamProbabilities(spam, val));
      const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
      return {
        metrics: { accuracy: s.accuracy, precision: s.precision, recall: s.recall },
        lines: [
          `accuracy ${pct(s.accuracy)} on ${s.count} held-out mails (goal >= ${pct(GOAL)})`,
          `precision ${pct(s.precision)} (of the mails called spam, the share that is spam)`,
          `recall ${pct(s.recall)} (of the spam, the share caught)`,
        ],
        met: s.accuracy >= GOAL,
      };
    },
  };
}
