import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  emptyState,
  loadState,
  recordAttempt,
  saveState,
  stateFile,
  stateProblem,
  updateState,
} from '../src/workspace/state.js';
import { tempDir } from './helpers.js';

describe('progress file', () => {
  it('starts empty when there is no file', () => {
    const ws = tempDir();
    expect(loadState(ws)).toEqual({ state: emptyState() });
  });

  it('round-trips and leaves no temporary files behind', () => {
    const ws = tempDir();
    const state = emptyState();
    state.current = { concept: 'attention', exercise: 'scores' };
    recordAttempt(state, 'attention/scores', true);
    saveState(ws, state);
    expect(loadState(ws).state).toEqual(state);
    expect(readdirSync(dirname(stateFile(ws)))).toEqual(['state.json']);
  });

  it('sets a corrupt file aside with a timestamp and warns, never throws', () => {
    const ws = tempDir();
    mkdirSync(dirname(stateFile(ws)), { recursive: true });
    writeFileSync(stateFile(ws), '{"version": 1, "exercises": {');
    const loaded = loadState(ws);
    expect(loaded.state).toEqual(emptyState());
    expect(loaded.warning).toMatch(/not valid JSON/);
    const files = readdirSync(dirname(stateFile(ws)));
    expect(files.some((f) => /^state\.corrupt-\d{4}-.*\.json$/.test(f))).toBe(true);
    expect(existsSync(stateFile(ws))).toBe(false);
    const aside = files.find((f) => f.startsWith('state.corrupt-'))!;
    expect(readFileSync(join(dirname(stateFile(ws)), aside), 'utf8')).toBe(
      '{"version": 1, "exercises": {',
    );
  });

  it('sets aside valid JSON that is not a progress record', () => {
    const ws = tempDir();
    mkdirSync(dirname(stateFile(ws)), { recursive: true });
    writeFileSync(
      stateFile(ws),
      JSON.stringify({
        version: 1,
        exercises: { a: { status: 'maybe' } },
        quizzes: {},
        lessonsSeen: [],
      }),
    );
    const loaded = loadState(ws);
    expect(loaded.warning).toMatch(/bad entry for a/);
    expect(loaded.state).toEqual(emptyState());
  });

  it('explains what is wrong with a record', () => {
    expect(stateProblem([])).toBe('not a JSON object');
    expect(stateProblem({ version: 2 })).toMatch(/unknown version/);
    expect(stateProblem(emptyState())).toBeNull();
  });

  it('keeps a pass once recorded and counts attempts', () => {
    const ws = tempDir();
    updateState(ws, (s) => recordAttempt(s, 'x/y', true));
    const after = updateState(ws, (s) => recordAttempt(s, 'x/y', false));
    expect(after.exercises['x/y']).toMatchObject({ status: 'passed', attempts: 2 });
  });
});
