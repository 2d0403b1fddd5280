/**
 * Pre-tokenisation: before any merging, text is cut into pieces ("words") with a regex, and BPE
 * merges only inside a piece. This keeps merges from spanning word, number and punctuation
 * boundaries, so the vocabulary is spent on reusable pieces such as " the" rather than "e t".
 */

/**
 * GPT-2's pattern: common English contractions, an optional space followed by letters, digits or
 * other symbols, and whitespace runs (a run before a word leaves its last space to that word).
 */
export const GPT2_SPLIT_PATTERN =
  "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

/** Compiles a split pattern with the flags it needs (`u` for \p{...}, `g` to walk the text). */
export function compileSplitPattern(pattern: string, where: string): RegExp {
  try {
    return new RegExp(pattern, 'gu');
  } catch (e) {
    throw new Error(`${where}: pattern is not a valid regular expression: ${(e as Error).message}`);
  }
}

/**
 * The pieces of `text` that `regex` (global) matches, in order. The pieces must cover the text:
 * a pattern that skips characters would make them vanish from the encoding, so that is an error.
 */
export function splitPieces(text: string, regex: RegExp, where: string): string[] {
  const pieces: string[] = [];
  let covered = 0;
  for (const match of text.matchAll(regex)) {
    if (match.index !== covered) throw gapError(text, covered, where);
    if (match[0].length === 0) continue;
    pieces.push(match[0]);
    covered += match[0].length;
  }
  if (covered !== text.length) throw gapError(text, covered, where);
  return pieces;
}

function gapError(text: string, index: number, where: string): Error {
  const char = JSON.stringify(String.fromCodePoint(text.codePointAt(index)!));
  return new Error(
    `${where}: the split pattern matches no piece at index ${index} (${char}); ` +
      'a pattern must match every character of the text, or that text would be lost',
  );
}
