/**
 * A trained model back from a checkpoint, with no data at hand: the run config says which
 * model to build and how, the tokenizer is in the checkpoint, the weights load on top.
 */
import { GPT, type GPTConfig, type Seq2SeqConfig, Seq2SeqTransformer } from '@xf/decoder';
import { EncoderClassifier, type EncoderClassifierConfig } from '@xf/encoder';
import {
  BpeTokenizer,
  type BpeTokenizerJSON,
  CharTokenizer,
  type CharTokenizerJSON,
} from '@xf/tokenizer';
import { type Checkpoint, restoreCheckpoint } from '@xf/trainer';
import { trainedLm } from './lm/trained.js';
import { trainedReverse } from './reverse/trained.js';
import { parseRunConfig } from './run-config.js';
import { trainedSpam } from './spam/trained.js';
import type { Trained } from './trained.js';

export function trainedFromCheckpoint(checkpoint: Checkpoint): Trained {
  const config = parseRunConfig(checkpoint.config);
  let trained: Trained;
  switch (config.kind) {
    case 'lm': {
      const tokenizer = CharTokenizer.fromJSON(
        checkpoint.tokenizer as unknown as CharTokenizerJSON,
      );
      const model = new GPT(config.model as unknown as GPTConfig);
      trained = trainedLm(config, { model, tokenizer });
      break;
    }
    case 'classifier': {
      const tokenizer = BpeTokenizer.fromJSON(checkpoint.tokenizer as unknown as BpeTokenizerJSON);
      const model = new EncoderClassifier(config.model as unknown as EncoderClassifierConfig);
      trained = trainedSpam(config, { model, tokenizer });
      break;
    }
    case 'seq2seq': {
      const model = new Seq2SeqTransformer(config.model as unknown as Seq2SeqConfig);
      trained = trainedReverse(config, model);
      break;
    }
  }
  restoreCheckpoint(checkpoint, { model: trained.model, rng: false });
  trained.model.eval();
  return trained;
}
