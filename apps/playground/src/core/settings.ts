/**
 * The knobs of one training run. Every preset fills all of them; the command line and the
 * page override some. `block` means the context for a language model, the longest mail (in
 * tokens) for the classifier, and the longest digit string for the encoder-decoder.
 */
export interface TrainSettings {
  steps: number;
  batch: number;
  block: number;
  layers: number;
  heads: number;
  embd: number;
  /** Peak learning rate; the schedule warms up to it and decays by cosine to lr / 10. */
  lr: number;
  warmup: number;
  seed: number;
  /** Evaluate (and, for language models, print a sample) every N steps. */
  evalEvery: number;
  /** Validation batches per evaluation. */
  evalIters: number;
  /** Save a checkpoint every N steps (always also at the end and on Ctrl-C). */
  checkpointEvery: number;
  dropout: number;
  weightDecay: number;
  gradClip: number;
}

export type SettingName = keyof TrainSettings;

/** Settings that change the shape of the model: a resumed run must keep them. */
export const SHAPE_SETTINGS: readonly SettingName[] = ['block', 'layers', 'heads', 'embd'];

/** Which settings are whole numbers, and their least value. */
const INTEGER_MIN: Partial<Record<SettingName, number>> = {
  steps: 1,
  batch: 1,
  block: 1,
  layers: 1,
  heads: 1,
  embd: 1,
  warmup: 0,
  seed: 0,
  evalEvery: 1,
  evalIters: 1,
  checkpointEvery: 1,
};

/** Refuses settings that cannot work, naming the setting (as its command-line flag). */
export function checkSettings(s: TrainSettings): TrainSettings {
  for (const [name, min] of Object.entries(INTEGER_MIN) as [SettingName, number][]) {
    const v = s[name];
    if (!Number.isSafeInteger(v) || v < min) {
      throw new SettingsError(`${flagOf(name)} must be an integer >= ${min}, got ${v}`);
    }
  }
  if (!(s.lr > 0 && s.lr < 1)) throw new SettingsError(`--lr must be in (0, 1), got ${s.lr}`);
  if (s.embd % s.heads !== 0) {
    throw new SettingsError(
      `--embd (${s.embd}) must be divisible by --heads (${s.heads}): each head gets embd / heads channels`,
    );
  }
  if (!(s.dropout >= 0 && s.dropout < 1)) {
    throw new SettingsError(`dropout must be in [0, 1), got ${s.dropout}`);
  }
  return s;
}

/** A setting's command-line flag: evalEvery → --eval-every. */
export function flagOf(name: SettingName): string {
  return `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** Bad settings are the user's to fix: the CLI prints them as usage errors. */
export class SettingsError extends Error {}
