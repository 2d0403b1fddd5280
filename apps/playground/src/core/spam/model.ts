/** The spam classifier: a small pre-norm transformer encoder over byte-level BPE tokens, mean-pooled, one logit. */
import type { EncoderClassifier, EncoderClassifierConfig } from '@xf/encoder';
import { BpeTokenizer } from '@xf/tokenizer';
import type { TrainSettings } from '../settings.js';
import { cleanMail } from './mail.js';

/** Learned tokens (the 256 bytes included) and the one special token, padding. */
export const BPE_VOCAB = 2048;
export const PAD = '<pad>';

export function trainTokenizer(texts: readonly string[]): BpeTokenizer {
  return BpeTokenizer.train(texts.join('\n'), { vocabSize: BPE_VOCAB, specialTokens: [PAD] });
}

export function padIdOf(tokenizer: BpeTokenizer): number {
  const id = tokenizer.tokenToId(PAD);
  if (id === undefined) throw new Error(`the spam tokenizer has no ${PAD} token`);
  return id;
}

export function classifierConfig(
  settings: TrainSettings,
  vocabSize: number,
  padId: number,
): EncoderClassifierConfig {
  return {
    vocabSize,
    maxLen: settings.block,
    dModel: settings.embd,
    nHead: settings.heads,
    nLayer: settings.layers,
    dropout: settings.dropout,
    activation: 'gelu',
    normFirst: true,
    pooling: 'mean',
    numClasses: 2,
    padId,
  };
}

/** A mail (raw, with headers, or plain text) as token ids, at most maxLen of them. */
export function encodeMail(tokenizer: BpeTokenizer, text: string, maxLen: number): number[] {
  return tokenizer.encodeOrdinary(cleanMail(text)).slice(0, maxLen);
}

export interface SpamModel {
  model: EncoderClassifier;
  tokenizer: BpeTokenizer;
}
