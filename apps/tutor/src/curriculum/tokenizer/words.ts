/** Text → the byte ids of its pre-tokenised pieces (GPT-2's split), one entry per occurrence. */
import { GPT2_SPLIT_PATTERN } from '@xf/tokenizer';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function wordsOf(text: string): number[][] {
  return (text.match(new RegExp(GPT2_SPLIT_PATTERN, 'gu')) ?? []).map((piece) =>
    Array.from(encoder.encode(piece)),
  );
}

/** The text the pieces came from. */
export function textOf(words: number[][]): string {
  return words.map((w) => decoder.decode(Uint8Array.from(w))).join('');
}

export const textOfIds = (ids: number[]): string => decoder.decode(Uint8Array.from(ids));
