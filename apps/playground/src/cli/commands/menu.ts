/**
 * pnpm playground with no arguments: a guided menu. Pick a preset and train it, then sample,
 * classify or inspect what was trained, or open the web page. Each choice runs the same
 * command the flags would, so the menu also teaches the command line (it prints it).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { intro, isCancel, log, outro, select, text } from '@clack/prompts';
import { findCheckpoint } from '@xf/trainer/node';
import pc from 'picocolors';
import { PRESET_NAMES, PRESETS, type PresetName } from '../../core/presets.js';
import { parseRunConfig } from '../../core/run-config.js';
import { userPath } from '../../node/paths.js';
import { readCheckpoint } from '../../node/run-dir.js';
import { type FlagValue, UsageError } from '../args.js';
import { classifyCommand } from './classify.js';
import { inspectCommand } from './inspect.js';
import { sampleCommand } from './sample.js';
import { trainCommand } from './train.js';
import { webCommand } from './web.js';

interface RunChoice {
  dir: string;
  preset: PresetName;
  step: number;
}

/** Runs under ./runs that hold a checkpoint, newest preset first. */
function findRuns(): RunChoice[] {
  const root = userPath('runs');
  if (!existsSync(root)) return [];
  const runs: RunChoice[] = [];
  for (const name of readdirSync(root)) {
    const dir = join(root, name);
    try {
      if (!findCheckpoint(dir)) continue;
      const { checkpoint } = readCheckpoint(dir);
      runs.push({
        dir: `runs/${name}`,
        preset: parseRunConfig(checkpoint.config).preset,
        step: checkpoint.step,
      });
    } catch {
      // not a playground run: leave it out of the menu
    }
  }
  return runs;
}

const show = (command: string) => log.info(pc.dim(`$ pnpm playground ${command}`));

async function pickRun(kind: 'classifier' | 'generator' | 'any'): Promise<RunChoice | undefined> {
  const runs = findRuns().filter((r) =>
    kind === 'any' ? true : (PRESETS[r.preset].kind === 'classifier') === (kind === 'classifier'),
  );
  if (runs.length === 0) {
    log.warn(
      kind === 'classifier'
        ? 'No trained classifier under ./runs yet: train the spam preset first.'
        : 'No trained model under ./runs yet: train a preset first.',
    );
    return undefined;
  }
  const choice = await select({
    message: 'Which run?',
    options: runs.map((r) => ({ value: r.dir, label: r.dir, hint: `${r.preset}, step ${r.step}` })),
  });
  return isCancel(choice) ? undefined : runs.find((r) => r.dir === choice);
}

async function ask(message: string, placeholder = '', initial = ''): Promise<string | undefined> {
  const answer = await text({ message, placeholder, initialValue: initial });
  return isCancel(answer) ? undefined : answer;
}

async function trainFromMenu(): Promise<void> {
  const preset = await select({
    message: 'Which preset?',
    options: PRESET_NAMES.map((n) => ({
      value: n,
      label: PRESETS[n].title,
      hint: PRESETS[n].blurb,
    })),
  });
  if (isCancel(preset)) return;
  const defaults = PRESETS[preset].defaults;
  const steps = await ask(
    `How many steps? (the preset's default converges: ${PRESETS[preset].goal})`,
    '',
    String(defaults.steps),
  );
  if (steps === undefined) return;
  const n = Number(steps);
  if (!Number.isInteger(n) || n < 1) {
    log.error(`steps must be a whole number >= 1, got '${steps}'`);
    return;
  }
  const flags: Record<string, FlagValue> = { preset, steps: n };
  show(`train --preset ${preset} --steps ${n}`);
  await trainCommand(flags);
}

async function sampleFromMenu(): Promise<void> {
  const run = await pickRun('generator');
  if (!run) return;
  const prompt = await ask(
    run.preset === 'reverse'
      ? 'Digits to reverse (empty: a few random ones)'
      : 'Prompt (empty for none)',
  );
  if (prompt === undefined) return;
  const flags: Record<string, FlagValue> = { from: run.dir };
  if (prompt) flags.prompt = prompt;
  show(`sample --from ${run.dir}${prompt ? ` --prompt ${JSON.stringify(prompt)}` : ''}`);
  await sampleCommand(flags, []);
}

async function classifyFromMenu(): Promise<void> {
  const run = await pickRun('classifier');
  if (!run) return;
  const mail = await ask('Text to classify', 'Win a FREE cruise now!');
  if (!mail) return;
  show(`classify --from ${run.dir} ${JSON.stringify(mail)}`);
  await classifyCommand({ from: run.dir }, [mail]);
}

async function inspectFromMenu(): Promise<void> {
  const run = await pickRun('any');
  if (!run) return;
  const prompt = await ask('Input for the attention heatmaps (empty: a default one)');
  if (prompt === undefined) return;
  const flags: Record<string, FlagValue> = { from: run.dir };
  if (prompt) flags.prompt = prompt;
  show(`inspect --from ${run.dir}${prompt ? ` --prompt ${JSON.stringify(prompt)}` : ''}`);
  await inspectCommand(flags, []);
}

export async function menuCommand(): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new UsageError(
      'the guided menu needs a terminal; run a command instead (see pnpm playground --help)',
    );
  }
  intro(pc.inverse(' xf playground '));
  for (;;) {
    const action = await select({
      message: 'What next?',
      options: [
        { value: 'train', label: 'Train a preset', hint: 'names, moby, spam or reverse' },
        { value: 'sample', label: 'Sample from a trained model' },
        { value: 'classify', label: 'Classify a text with the spam model' },
        {
          value: 'inspect',
          label: 'Look inside a trained model',
          hint: 'parameters, shapes, attention',
        },
        { value: 'web', label: 'Open the web page', hint: 'train in the browser' },
        { value: 'quit', label: 'Quit' },
      ],
    });
    if (isCancel(action) || action === 'quit') break;
    try {
      if (action === 'train') await trainFromMenu();
      if (action === 'sample') await sampleFromMenu();
      if (action === 'classify') await classifyFromMenu();
      if (action === 'inspect') await inspectFromMenu();
      if (action === 'web') {
        show('web');
        await webCommand({});
      }
    } catch (e) {
      log.error((e as Error).message.split('\n')[0]);
    }
  }
  outro('Bye.');
  return 0;
}
