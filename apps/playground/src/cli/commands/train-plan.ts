/**
 * What `train` will do, from its flags: the preset, the settings (preset defaults, then the
 * flags; on --resume, the checkpoint's settings, whose model shape flags may not change), and
 * where the run goes.
 */
import type { Checkpoint } from '@xf/trainer';
import { isPresetName, PRESET_NAMES, PRESETS, type PresetName } from '../../core/presets.js';
import { parseRunConfig } from '../../core/run-config.js';
import {
  checkSettings,
  flagOf,
  type SettingName,
  SettingsError,
  SHAPE_SETTINGS,
  type TrainSettings,
} from '../../core/settings.js';
import { defaultOutDir, userPath } from '../../node/paths.js';
import { readCheckpoint } from '../../node/run-dir.js';
import { type FlagValue, UsageError } from '../args.js';

export interface TrainPlan {
  preset: PresetName;
  settings: TrainSettings;
  out: string;
  resumeFrom: Checkpoint | null;
  /** The directory resumed from, when resuming. */
  resumeDir: string | null;
}

/** Flags that set a training setting directly. */
const SETTING_FLAGS: Record<string, SettingName> = {
  steps: 'steps',
  batch: 'batch',
  block: 'block',
  layers: 'layers',
  heads: 'heads',
  embd: 'embd',
  lr: 'lr',
  seed: 'seed',
  'eval-every': 'evalEvery',
  'checkpoint-every': 'checkpointEvery',
};

function overrides(flags: Record<string, FlagValue>): Partial<TrainSettings> {
  const out: Partial<TrainSettings> = {};
  for (const [flag, name] of Object.entries(SETTING_FLAGS)) {
    if (flags[flag] !== undefined) out[name] = flags[flag] as number;
  }
  return out;
}

function presetFrom(flags: Record<string, FlagValue>): PresetName | undefined {
  const name = flags.preset as string | undefined;
  if (name === undefined) return undefined;
  if (!isPresetName(name)) {
    throw new UsageError(`unknown preset '${name}' (presets: ${PRESET_NAMES.join(', ')})`);
  }
  return name;
}

export function planTraining(flags: Record<string, FlagValue>): TrainPlan {
  const asked = overrides(flags);
  const resume = flags.resume as string | undefined;
  let preset = presetFrom(flags);
  let settings: TrainSettings;
  let resumeFrom: Checkpoint | null = null;
  let resumeDir: string | null = null;
  if (resume !== undefined) {
    const { checkpoint, path } = readCheckpoint(resume, '--resume');
    resumeDir = path;
    const config = (() => {
      try {
        return parseRunConfig(checkpoint.config);
      } catch (e) {
        throw new UsageError(`--resume ${resume}: ${(e as Error).message}`);
      }
    })();
    if (preset !== undefined && preset !== config.preset) {
      throw new UsageError(
        `--preset ${preset} does not match the checkpoint in ${resume}, a ${config.preset} run`,
      );
    }
    preset = config.preset;
    for (const name of SHAPE_SETTINGS) {
      if (asked[name] !== undefined && asked[name] !== config.settings[name]) {
        throw new UsageError(
          `${flagOf(name)} ${asked[name]} differs from the checkpoint's ${config.settings[name]}: a resumed run keeps its model's shape`,
        );
      }
    }
    settings = { ...config.settings, ...asked };
    if (settings.steps <= checkpoint.step) {
      throw new UsageError(
        `the checkpoint in ${resume} is at step ${checkpoint.step} already; ask for more with --steps N (N > ${checkpoint.step})`,
      );
    }
    resumeFrom = checkpoint;
  } else {
    if (preset === undefined) {
      throw new UsageError(
        `train needs --preset <name> (${PRESET_NAMES.join(', ')}) or --resume DIR`,
      );
    }
    settings = { ...PRESETS[preset].defaults, ...asked };
  }
  try {
    checkSettings(settings);
  } catch (e) {
    if (e instanceof SettingsError) throw new UsageError(e.message);
    throw e;
  }
  const outFlag = flags.out as string | undefined;
  const out = outFlag !== undefined ? userPath(outFlag) : (resumeDir ?? defaultOutDir(preset));
  return { preset, settings, out, resumeFrom, resumeDir };
}
