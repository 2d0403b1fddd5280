/**
 * What a run stores as the checkpoint's `config`: the preset, its settings and the model's own
 * config, enough to rebuild the model from the checkpoint alone (in a terminal or a browser).
 */
import type { Json } from '@xf/trainer';
import { isPresetName, PRESETS, type PresetName, type TaskKind } from './presets.js';
import type { TrainSettings } from './settings.js';

export const RUN_FORMAT = 'xf-playground-run';

export interface RunConfig {
  format: typeof RUN_FORMAT;
  version: 1;
  preset: PresetName;
  kind: TaskKind;
  settings: TrainSettings;
  /** The model's config: a GPTConfig, an EncoderClassifier config or a Seq2SeqTransformer config. */
  model: Record<string, Json>;
}

export function makeRunConfig(
  preset: PresetName,
  settings: TrainSettings,
  model: Record<string, Json>,
): RunConfig {
  return { format: RUN_FORMAT, version: 1, preset, kind: PRESETS[preset].kind, settings, model };
}

/** Reads a checkpoint's config back, refusing anything this playground did not write. */
export function parseRunConfig(config: Json): RunConfig {
  const c = config as Partial<RunConfig> | null;
  if (!c || typeof c !== 'object' || c.format !== RUN_FORMAT) {
    throw new Error('the checkpoint was not written by the playground (its config has no preset)');
  }
  if (c.version !== 1)
    throw new Error(`the checkpoint's run config has version ${c.version}, expected 1`);
  if (typeof c.preset !== 'string' || !isPresetName(c.preset)) {
    throw new Error(`the checkpoint names an unknown preset ${JSON.stringify(c.preset)}`);
  }
  if (!c.settings || !c.model) throw new Error('the checkpoint config lacks settings or model');
  return { ...(c as RunConfig), kind: PRESETS[c.preset].kind };
}
