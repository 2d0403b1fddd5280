/** The encoder-decoder for the reverse task, and translating digit strings with it. */
import type { Seq2SeqConfig, Seq2SeqTransformer } from '@xf/decoder';
import type { TrainSettings } from '../settings.js';
import { reverseBatch } from './loader.js';
import { BOS_ID, decodeDigits, EOS_ID, PAD_ID, VOCAB_SIZE } from './vocab.js';

export function seq2seqConfig(settings: TrainSettings): Seq2SeqConfig {
  return {
    srcVocabSize: VOCAB_SIZE,
    tgtVocabSize: VOCAB_SIZE,
    dModel: settings.embd,
    nHead: settings.heads,
    numEncoderLayers: settings.layers,
    numDecoderLayers: settings.layers,
    dimFeedforward: 4 * settings.embd,
    dropout: settings.dropout,
    // BOS + the digits + EOS, with room for one more step than the longest string
    maxLen: settings.block + 3,
    positional: 'sinusoidal',
    normFirst: true,
    activation: 'gelu',
    padId: PAD_ID,
    bosId: BOS_ID,
    eosId: EOS_ID,
  };
}

export interface TranslateOptions {
  temperature?: number;
  topK?: number | null;
  topP?: number | null;
  seed?: number;
}

/** Each digit string through the model: greedy by default. */
export function translate(
  model: Seq2SeqTransformer,
  strings: string[],
  options: TranslateOptions = {},
): string[] {
  if (strings.length === 0) return [];
  const { src } = reverseBatch(strings);
  const longest = Math.max(...strings.map((s) => s.length));
  const out = model.generate(src, {
    maxNewTokens: Math.min(longest + 1, model.config.maxLen - 1),
    temperature: options.temperature ?? 0,
    topK: options.topK ?? null,
    topP: options.topP ?? null,
    seed: options.seed,
  });
  const [B, L] = out.shape;
  return Array.from({ length: B }, (_, b) => decodeDigits(out.data.subarray(b * L, (b + 1) * L)));
}
