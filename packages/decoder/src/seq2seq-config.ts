/** The configuration of an encoder-decoder transformer: plain JSON, every field checked by name. */
export interface Seq2SeqConfig {
  srcVocabSize: number;
  tgtVocabSize: number;
  dModel: number;
  nHead: number;
  numEncoderLayers: number;
  numDecoderLayers: number;
  /** Width of the feed-forward layers; null means 4 · dModel. */
  dimFeedforward: number | null;
  dropout: number;
  /** Longest source or target sequence (the positional table's length). */
  maxLen: number;
  positional: 'sinusoidal' | 'learned';
  /** Pre-norm blocks (false: post-norm, as the paper). */
  normFirst: boolean;
  activation: 'relu' | 'gelu';
  /** Token ids of padding, beginning and end of sequence in both vocabularies. */
  padId: number;
  bosId: number;
  eosId: number;
}

export const seq2seqDefaults = Object.freeze({
  dModel: 128,
  nHead: 4,
  numEncoderLayers: 2,
  numDecoderLayers: 2,
  dimFeedforward: null,
  dropout: 0.1,
  maxLen: 128,
  positional: 'sinusoidal',
  normFirst: false,
  activation: 'relu',
  padId: 0,
  bosId: 1,
  eosId: 2,
}) satisfies Omit<Seq2SeqConfig, 'srcVocabSize' | 'tgtVocabSize'>;

const OP = 'Seq2SeqTransformer';

export function resolveSeq2SeqConfig(
  partial: Partial<Seq2SeqConfig> & Pick<Seq2SeqConfig, 'srcVocabSize' | 'tgtVocabSize'>,
): Seq2SeqConfig {
  if (partial === null || typeof partial !== 'object')
    throw new Error(`${OP}: config must be an object`);
  const known = new Set(['srcVocabSize', 'tgtVocabSize', ...Object.keys(seq2seqDefaults)]);
  for (const key of Object.keys(partial)) {
    if (!known.has(key))
      throw new Error(`${OP}: unknown config field '${key}' (known: ${[...known].join(', ')})`);
  }
  const c = { ...seq2seqDefaults, ...partial } as Seq2SeqConfig;
  for (const field of [
    'srcVocabSize',
    'tgtVocabSize',
    'dModel',
    'nHead',
    'numEncoderLayers',
    'numDecoderLayers',
    'maxLen',
  ] as const) {
    if (!Number.isInteger(c[field]) || c[field] <= 0) {
      throw new Error(
        `${OP}: config.${field} must be a positive integer, got ${JSON.stringify(c[field])}`,
      );
    }
  }
  if (c.dModel % c.nHead !== 0) {
    throw new Error(
      `${OP}: config.dModel (${c.dModel}) must be divisible by config.nHead (${c.nHead})`,
    );
  }
  if (c.dimFeedforward !== null && (!Number.isInteger(c.dimFeedforward) || c.dimFeedforward <= 0)) {
    throw new Error(
      `${OP}: config.dimFeedforward must be a positive integer or null, got ${c.dimFeedforward}`,
    );
  }
  if (!(c.dropout >= 0 && c.dropout < 1))
    throw new Error(`${OP}: config.dropout must be in [0, 1), got ${c.dropout}`);
  if (c.positional !== 'sinusoidal' && c.positional !== 'learned') {
    throw new Error(
      `${OP}: config.positional must be 'sinusoidal' or 'learned', got ${JSON.stringify(c.positional)}`,
    );
  }
  if (c.activation !== 'relu' && c.activation !== 'gelu') {
    throw new Error(
      `${OP}: config.activation must be 'relu' or 'gelu', got ${JSON.stringify(c.activation)}`,
    );
  }
  for (const field of ['padId', 'bosId', 'eosId'] as const) {
    const id = c[field];
    if (!Number.isInteger(id) || id < 0 || id >= Math.min(c.srcVocabSize, c.tgtVocabSize)) {
      throw new Error(`${OP}: config.${field} (${id}) must be a token id in both vocabularies`);
    }
  }
  if (new Set([c.padId, c.bosId, c.eosId]).size !== 3) {
    throw new Error(`${OP}: config.padId, bosId and eosId must be three different ids`);
  }
  return c;
}
