/**
 * Each preset, trained a few steps with tiny settings through the CLI: the metrics log, the
 * checkpoint files, the JSON summary, and sample / classify / inspect from the directory.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsonLines, runCli, TINY, tempDir } from './helpers.js';

function trainTiny(preset: string, out: string, extra: string[] = []) {
  const r = runCli([
    'train',
    '--preset',
    preset,
    ...TINY,
    '--steps',
    '4',
    '--eval-every',
    '2',
    '--checkpoint-every',
    '2',
    '--out',
    out,
    '--json',
    ...extra,
  ]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

function expectRunFiles(out: string) {
  const records = readJsonLines(join(out, 'metrics.jsonl'));
  expect(records.map((r) => r.step)).toEqual([1, 2, 3, 4]);
  for (const r of records) {
    for (const field of ['loss', 'lr', 'tokensPerSec', 'elapsedMs']) {
      expect(typeof r[field], `${field} of step ${r.step}`).toBe('number');
    }
    expect(Number.isFinite(r.loss)).toBe(true);
    expect('valLoss' in r).toBe(r.step === 2 || r.step === 4);
  }
  const pointer = readJsonLines(join(out, 'latest.json'))[0];
  expect(pointer).toMatchObject({
    format: 'xf-checkpoint-pointer',
    checkpoint: 'step-00000004',
    step: 4,
  });
  expect(readdirSync(join(out, 'step-00000004')).sort()).toEqual([
    'checkpoint.json',
    'model.safetensors',
    'optimizer.safetensors',
  ]);
  expect(existsSync(join(out, 'step-00000002'))).toBe(true);
  expect(existsSync(join(out, 'summary.json'))).toBe(true);
}

function expectSummary(summary: Record<string, unknown>, preset: string, out: string) {
  expect(summary).toMatchObject({ preset, out, step: 4, steps: 4, stopReason: 'maxSteps' });
  expect(summary.backend).toMatch(/^wasm/);
  expect(typeof summary.goalMet).toBe('boolean');
  expect(summary.checkpoint).toBe(join(out, 'step-00000004'));
}

function expectInspect(out: string, prompt: string, titles: RegExp[]) {
  const r = runCli(['inspect', '--from', out, '--prompt', prompt]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  for (const heading of ['Config', 'Parameters', 'Shapes of one forward pass', 'Attention']) {
    expect(r.stdout).toContain(heading);
  }
  expect(r.stdout).toMatch(/total\s+[\d,]+/);
  for (const title of titles) expect(r.stdout).toMatch(title);
  expect(r.stdout).toContain('head 1');
}

describe('names', () => {
  const out = tempDir();
  it('trains, writes metrics and checkpoints, and samples names', () => {
    const summary = trainTiny('names', out);
    expectSummary(summary, 'names', out);
    expect(summary.report).toHaveProperty('valLoss');
    expectRunFiles(out);

    const r = runCli(['sample', '--from', out, '-n', '5', '--seed', '3', '--json']);
    expect(r.status).toBe(0);
    const sample = JSON.parse(r.stdout);
    expect(sample).toMatchObject({ preset: 'names', step: 4, kind: 'names' });
    expect(sample.names).toHaveLength(5);
    const again = JSON.parse(
      runCli(['sample', '--from', out, '-n', '5', '--seed', '3', '--json']).stdout,
    );
    expect(again.names).toEqual(sample.names);

    const prefixed = runCli([
      'sample',
      '--from',
      out,
      '-n',
      '3',
      '--prompt',
      'Ma',
      '--temperature',
      '0.5',
    ]);
    expect(prefixed.status).toBe(0);
    expect(prefixed.stdout.trim().split('\n')).toHaveLength(3);
    for (const name of prefixed.stdout.trim().split('\n')) expect(name.startsWith('Ma')).toBe(true);

    expectInspect(out, 'anna', [/^layer 0$/m, /transformer\.wte/, /h\.0\.attn\.scores/]);
  });

  it('refuses a prompt with characters the model never saw, in one line', () => {
    const r = runCli(['sample', '--from', out, '--prompt', 'Zoë']);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(
      /^xf playground: the prompt has "ë", which the model never saw/,
    );
  });

  it('goes to ./runs/names where the command was run', () => {
    const cwd = tempDir();
    const r = runCli(
      ['train', '--preset', 'names', ...TINY, '--steps', '2', '--eval-every', '2', '--json'],
      { cwd },
    );
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).out).toBe(join(cwd, 'runs', 'names'));
    expect(existsSync(join(cwd, 'runs', 'names', 'latest.json'))).toBe(true);
    // through `pnpm playground`, the directory the user started in
    const start = tempDir();
    const viaPnpm = runCli(['train', '--preset', 'names', ...TINY, '--steps', '2', '--json'], {
      cwd,
      env: { npm_lifecycle_event: 'playground', INIT_CWD: start },
    });
    expect(JSON.parse(viaPnpm.stdout).out).toBe(join(start, 'runs', 'names'));
  });
});

describe('moby', () => {
  it('trains and continues a prompt', () => {
    const out = tempDir();
    const summary = trainTiny('moby', out);
    expectSummary(summary, 'moby', out);
    expectRunFiles(out);
    const r = runCli([
      'sample',
      '--from',
      out,
      '--prompt',
      'Call me',
      '-n',
      '40',
      '--top-k',
      '5',
      '--json',
    ]);
    expect(r.status).toBe(0);
    const { kind, text } = JSON.parse(r.stdout);
    expect(kind).toBe('text');
    expect(text.startsWith('Call me')).toBe(true);
    expect([...text]).toHaveLength('Call me'.length + 40);
    expectInspect(out, 'The whale', [/^layer 0$/m]);
  });
});

describe('spam', () => {
  it('trains a classifier that classifies text', () => {
    const out = tempDir();
    const summary = trainTiny('spam', out);
    expectSummary(summary, 'spam', out);
    expect(Object.keys(summary.report as object).sort()).toEqual([
      'accuracy',
      'precision',
      'recall',
    ]);
    expectRunFiles(out);

    const r = runCli(['classify', '--from', out, '--json', 'Win a FREE cruise, click now!!!']);
    expect(r.status).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(['spam', 'ham']).toContain(c.label);
    expect(c.probabilities.spam + c.probabilities.ham).toBeCloseTo(1, 5);
    expect(c.probability).toBe(c.probabilities[c.label]);
    const plain = runCli(['classify', '--from', out, 'Hello', 'there']);
    expect(plain.stdout).toMatch(/^(spam|ham) \(probability 0\.\d{3}\)\n$/);

    const wrong = runCli(['sample', '--from', out]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/holds a classifier: use pnpm playground classify/);
    expectInspect(out, 'Cheap meds online', [
      /^layer 0$/m,
      /encoder\.layers\.0\.self_attn\.weights/,
    ]);
  });
});

describe('reverse', () => {
  it('trains an encoder-decoder and reverses digits', () => {
    const out = tempDir();
    const summary = trainTiny('reverse', out);
    expectSummary(summary, 'reverse', out);
    expect(summary.report).toHaveProperty('exactMatch');
    expectRunFiles(out);

    const r = runCli(['sample', '--from', out, '-n', '4', '--json']);
    expect(r.status).toBe(0);
    const { kind, pairs } = JSON.parse(r.stdout);
    expect(kind).toBe('sequences');
    expect(pairs).toHaveLength(4);
    for (const p of pairs) {
      expect(p.expected).toBe([...p.input].reverse().join(''));
      expect(p.correct).toBe(p.output === p.expected);
    }
    const bad = runCli(['sample', '--from', out, '--prompt', '12x4']);
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim()).toBe(
      'xf playground: the reverse model reads digits only (0-9), got "12x4"',
    );
    expectInspect(out, '3141', [/encoder 0, self-attention/, /decoder 0, cross-attention/]);
  });
});
