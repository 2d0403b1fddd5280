/**
 * The presets: a task, its data and settings that converge. `pnpm playground train --preset
 * <name>` runs one as written; flags override single settings.
 */
import type { TrainSettings } from './settings.js';

export type PresetName = 'names' | 'moby' | 'spam' | 'reverse';
export type TaskKind = 'lm' | 'classifier' | 'seq2seq';

export interface Preset {
  name: PresetName;
  kind: TaskKind;
  title: string;
  /** One line: what it trains on and what it learns. */
  blurb: string;
  /** What the run is judged by, in words. */
  goal: string;
  defaults: TrainSettings;
}

const common = {
  seed: 1337,
  evalIters: 20,
  dropout: 0,
  weightDecay: 0.1,
  gradClip: 1,
} as const;

export const PRESETS: Record<PresetName, Preset> = {
  names: {
    name: 'names',
    kind: 'lm',
    title: 'Names',
    blurb: 'character-level GPT on ~8,400 English first names; samples new ones',
    goal: 'val loss <= 2.3 nats per character',
    defaults: {
      ...common,
      steps: 500,
      batch: 32,
      block: 16,
      layers: 4,
      heads: 4,
      embd: 64,
      lr: 3e-3,
      warmup: 30,
      evalEvery: 100,
      checkpointEvery: 100,
    },
  },
  moby: {
    name: 'moby',
    kind: 'lm',
    title: 'Moby Dick',
    blurb: 'character-level GPT on the full text of Moby Dick',
    goal: 'val loss <= 1.90 on the last 10% of the book',
    defaults: {
      ...common,
      steps: 2000,
      batch: 12,
      block: 64,
      layers: 4,
      heads: 4,
      embd: 128,
      lr: 1e-3,
      warmup: 100,
      evalEvery: 250,
      evalIters: 40,
      checkpointEvery: 250,
    },
  },
  spam: {
    name: 'spam',
    kind: 'classifier',
    title: 'Spam',
    blurb: 'transformer encoder that tells spam from ham in the SpamAssassin corpus',
    goal: 'accuracy >= 95% on held-out mail',
    defaults: {
      ...common,
      steps: 1000,
      batch: 16,
      block: 128,
      layers: 2,
      heads: 4,
      embd: 64,
      lr: 3e-3,
      warmup: 20,
      evalEvery: 100,
      evalIters: 10,
      checkpointEvery: 100,
      dropout: 0.1,
      weightDecay: 0.01,
    },
  },
  reverse: {
    name: 'reverse',
    kind: 'seq2seq',
    title: 'Reverse',
    blurb: 'encoder-decoder that learns to reverse strings of digits',
    goal: 'exact-match accuracy >= 95% on fresh strings',
    defaults: {
      ...common,
      steps: 600,
      batch: 64,
      block: 8,
      layers: 2,
      heads: 4,
      embd: 64,
      lr: 1e-3,
      warmup: 30,
      evalEvery: 100,
      evalIters: 5,
      checkpointEvery: 100,
      weightDecay: 0.01,
    },
  },
};

export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

export function isPresetName(name: string): name is PresetName {
  return Object.hasOwn(PRESETS, name);
}
