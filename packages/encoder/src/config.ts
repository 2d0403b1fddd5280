/**
 * The configuration of an EncoderClassifier: plain JSON, so that it can be saved beside a
 * checkpoint and rebuild the same model. Every field but vocabSize has a default;
 * resolveEncoderClassifierConfig fills them in and checks each field, naming it on error.
 */
import type { ActivationName } from '@xf/ffn';
import { check } from '@xf/tensor';
import { checkActivationName } from './check.js';

export type PositionalKind = 'sinusoidal' | 'learned';
export type Pooling = 'mean' | 'cls';
export type BinaryHead = 'sigmoid' | 'softmax';

export interface EncoderClassifierConfig {
  /** Number of token ids (required); ids are 0..vocabSize-1. */
  vocabSize: number;
  /** Longest sequence accepted, and the rows of a learned positional table (default 128). */
  maxLen?: number;
  /** Width of every token vector (default 64). */
  dModel?: number;
  /** Attention heads per layer; must divide dModel (default 4). */
  nHead?: number;
  /** Encoder layers (default 2). */
  nLayer?: number;
  /** Feed-forward hidden width (default null: 4 · dModel). */
  dimFeedforward?: number | null;
  /** Dropout after the embeddings and inside every layer (default 0.1). */
  dropout?: number;
  /** Feed-forward activation: 'relu' (default), 'gelu', 'gelu-tanh' or 'silu'. */
  activation?: ActivationName;
  /** eps of every LayerNorm (default 1e-5). */
  layerNormEps?: number;
  /** Pre-norm layers when true; post-norm, the paper's, when false (default false). */
  normFirst?: boolean;
  /** A LayerNorm after the last layer (default null: exactly when normFirst). */
  finalNorm?: boolean | null;
  /** Biases in the linear layers and LayerNorms of the encoder (default true). */
  bias?: boolean;
  /** 'sinusoidal' (fixed table, the paper's; default) or 'learned' (one trained vector per position). */
  positional?: PositionalKind;
  /** Multiply token embeddings by √dModel before adding positions, as the paper (default false). */
  scaleEmbedding?: boolean;
  /** 'mean' over the real tokens (default) or 'cls': the output at position 0. */
  pooling?: Pooling;
  /** Number of classes, at least 2 (default 2). */
  numClasses?: number;
  /**
   * With numClasses = 2: 'sigmoid' (default), one logit and binary cross-entropy with logits;
   * 'softmax', two logits and cross-entropy. Ignored for more classes.
   */
  binaryHead?: BinaryHead;
  /** The padding id, masked out when no lengths are given (default null: no padding id). */
  padId?: number | null;
}

/** A config with every default filled in (dimFeedforward and finalNorm resolved too). */
export interface ResolvedEncoderClassifierConfig {
  vocabSize: number;
  maxLen: number;
  dModel: number;
  nHead: number;
  nLayer: number;
  dimFeedforward: number;
  dropout: number;
  activation: ActivationName;
  layerNormEps: number;
  normFirst: boolean;
  finalNorm: boolean;
  bias: boolean;
  positional: PositionalKind;
  scaleEmbedding: boolean;
  pooling: Pooling;
  numClasses: number;
  binaryHead: BinaryHead;
  padId: number | null;
}

export const encoderClassifierDefaults = Object.freeze({
  maxLen: 128,
  dModel: 64,
  nHead: 4,
  nLayer: 2,
  dimFeedforward: null,
  dropout: 0.1,
  activation: 'relu',
  layerNormEps: 1e-5,
  normFirst: false,
  finalNorm: null,
  bias: true,
  positional: 'sinusoidal',
  scaleEmbedding: false,
  pooling: 'mean',
  numClasses: 2,
  binaryHead: 'sigmoid',
  padId: null,
} as const satisfies Omit<Required<EncoderClassifierConfig>, 'vocabSize'>);

const FIELDS = ['vocabSize', ...Object.keys(encoderClassifierDefaults)];

const OP = 'EncoderClassifier';

/** Fills in the defaults and checks every field; errors name the field: `config.nHead`. */
export function resolveEncoderClassifierConfig(
  config: EncoderClassifierConfig,
): ResolvedEncoderClassifierConfig {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new TypeError(
      `${OP}: config must be an object with at least vocabSize, got ${check.describe(config)}`,
    );
  }
  for (const key of Object.keys(config)) {
    if (!FIELDS.includes(key)) {
      throw new Error(`${OP}: unknown config field "${key}" (known fields: ${FIELDS.join(', ')})`);
    }
  }
  const c = { ...encoderClassifierDefaults, ...dropUndefined(config) };
  const f = (name: string) => `config.${name}`;
  const vocabSize = check.positiveInt(OP, f('vocabSize'), c.vocabSize);
  const dModel = check.positiveInt(OP, f('dModel'), c.dModel);
  const nHead = check.positiveInt(OP, f('nHead'), c.nHead);
  if (dModel % nHead !== 0) {
    throw new Error(
      `${OP}: config.dModel (${dModel}) must be divisible by config.nHead (${nHead})`,
    );
  }
  const normFirst = check.boolean(OP, f('normFirst'), c.normFirst);
  const numClasses = c.numClasses;
  if (typeof numClasses !== 'number' || !Number.isInteger(numClasses) || numClasses < 2) {
    throw new Error(
      `${OP}: config.numClasses must be an integer of at least 2, got ${check.describe(numClasses)}`,
    );
  }
  let padId: number | null = null;
  if (c.padId !== null) {
    if (
      typeof c.padId !== 'number' ||
      !Number.isInteger(c.padId) ||
      c.padId < 0 ||
      c.padId >= vocabSize
    ) {
      throw new Error(
        `${OP}: config.padId must be null or a token id in [0, config.vocabSize = ${vocabSize}), got ${check.describe(c.padId)}`,
      );
    }
    padId = c.padId;
  }
  return {
    vocabSize,
    maxLen: check.positiveInt(OP, f('maxLen'), c.maxLen),
    dModel,
    nHead,
    nLayer: check.positiveInt(OP, f('nLayer'), c.nLayer),
    dimFeedforward:
      c.dimFeedforward === null
        ? 4 * dModel
        : check.positiveInt(OP, f('dimFeedforward'), c.dimFeedforward),
    dropout: check.probability(OP, f('dropout'), c.dropout),
    activation: checkActivationName(OP, f('activation'), c.activation),
    layerNormEps: check.positiveNumber(OP, f('layerNormEps'), c.layerNormEps),
    normFirst,
    finalNorm: c.finalNorm === null ? normFirst : check.boolean(OP, f('finalNorm'), c.finalNorm),
    bias: check.boolean(OP, f('bias'), c.bias),
    positional: check.choice(OP, f('positional'), c.positional, ['sinusoidal', 'learned'] as const),
    scaleEmbedding: check.boolean(OP, f('scaleEmbedding'), c.scaleEmbedding),
    pooling: check.choice(OP, f('pooling'), c.pooling, ['mean', 'cls'] as const),
    numClasses,
    binaryHead: check.choice(OP, f('binaryHead'), c.binaryHead, ['sigmoid', 'softmax'] as const),
    padId,
  };
}

/** A field given as undefined takes its default, as if it were left out. */
function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
