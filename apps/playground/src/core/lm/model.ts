/** A character-level GPT: its config from the run settings, and rebuilding it from a checkpoint. */
import { GPT, type GPTConfig } from '@xf/decoder';
import type { CharTokenizer } from '@xf/tokenizer';
import type { TrainSettings } from '../settings.js';

export function gptConfig(settings: TrainSettings, vocabSize: number): GPTConfig {
  return {
    vocabSize,
    blockSize: settings.block,
    nLayer: settings.layers,
    nHead: settings.heads,
    nEmbd: settings.embd,
    dropout: settings.dropout,
    bias: true,
    positional: 'learned',
    norm: 'pre',
    tieWeights: true,
    ropeTheta: 10000,
  };
}

/** A character language model and its tokenizer, ready to sample. */
export interface CharLm {
  model: GPT;
  tokenizer: CharTokenizer;
}

export function charLm(config: GPTConfig, tokenizer: CharTokenizer): CharLm {
  return { model: new GPT(config), tokenizer };
}
