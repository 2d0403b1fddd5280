/**
 * Sampling from a character language model: new names (each row starts at a line break and
 * stops at the next), or a continuation of a prompt.
 */
import { generate } from '@xf/decoder';
import type { CharLm } from './model.js';
import { NAME_SEPARATOR } from './text.js';

export interface SampleOptions {
  temperature?: number;
  topK?: number | null;
  topP?: number | null;
  seed?: number;
}

/** Characters of the prompt the model never saw, if any. */
export function unknownChars(lm: CharLm, prompt: string): string[] {
  return [...new Set([...prompt].filter((c) => lm.tokenizer.tokenToId(c) === undefined))];
}

export function checkPrompt(lm: CharLm, prompt: string): void {
  const unknown = unknownChars(lm, prompt);
  if (unknown.length) {
    const shown = unknown.map((c) => JSON.stringify(c)).join(', ');
    throw new PromptError(
      `the prompt has ${shown}, which the model never saw (its characters: ${JSON.stringify(lm.tokenizer.chars.join(''))})`,
    );
  }
}

/** n new names, each starting with the prompt (lower case), capitalised. */
export function sampleNames(
  lm: CharLm,
  n: number,
  prompt = '',
  options: SampleOptions = {},
): string[] {
  const start = prompt.toLowerCase();
  checkPrompt(lm, start);
  const sep = lm.tokenizer.encode(NAME_SEPARATOR)[0];
  const ids = [sep, ...lm.tokenizer.encode(start)];
  const rows = Array.from({ length: n }, () => ids);
  const out = generate(lm.model, rows, {
    maxNewTokens: lm.model.config.blockSize * 2,
    stopTokens: [sep],
    ...options,
  });
  const [B, T] = out.shape;
  const names: string[] = [];
  for (let b = 0; b < B; b++) {
    const row = Array.from(out.data.subarray(b * T + 1, (b + 1) * T));
    const end = row.indexOf(sep);
    const name = lm.tokenizer.decode(end === -1 ? row : row.slice(0, end));
    names.push(name.charAt(0).toUpperCase() + name.slice(1));
  }
  return names;
}

/** The prompt followed by n generated characters. */
export function sampleText(
  lm: CharLm,
  prompt: string,
  n: number,
  options: SampleOptions = {},
): string {
  const start = prompt === '' ? '\n' : prompt;
  checkPrompt(lm, start);
  const out = generate(lm.model, [lm.tokenizer.encode(start)], { maxNewTokens: n, ...options });
  const text = lm.tokenizer.decode(out.data);
  return prompt === '' ? text.slice(1) : text;
}

/** A prompt the model cannot read: the user's to fix. */
export class PromptError extends Error {}
