/**
 * Special tokens (such as `<|endoftext|>`) are control symbols, not text: they are cut out of the
 * text before pre-tokenisation, so they are never split or merged and each becomes one id.
 */

/** Which special tokens `encode` treats as special, mirroring tiktoken's arguments. */
export type SpecialSelection = 'all' | 'none' | Iterable<string>;

export interface SpecialTokenOptions {
  /** Special tokens encoded as their single id when they occur in the text. Default 'all'. */
  allowedSpecial?: SpecialSelection;
  /**
   * Special tokens whose appearance in the text is an error. Default 'all' (every special token
   * not allowed). Those neither allowed nor disallowed are encoded as ordinary text.
   */
  disallowedSpecial?: SpecialSelection;
}

export interface TextSegment {
  /** Ordinary text, or the special token itself when `special` is true. */
  text: string;
  special: boolean;
}

function select(selection: SpecialSelection, known: Iterable<string>, where: string): Set<string> {
  if (selection === 'all') return new Set(known);
  if (selection === 'none') return new Set();
  if (typeof selection === 'string') {
    throw new Error(
      `${where}: expected 'all', 'none' or a list of special tokens, got '${selection}'`,
    );
  }
  const set = new Set(selection);
  const knownSet = new Set(known);
  for (const token of set) {
    if (!knownSet.has(token))
      throw new Error(`${where}: '${token}' is not a special token of this tokenizer`);
  }
  return set;
}

/** Resolves tiktoken-style allowed/disallowed arguments into the two sets. */
export function resolveSpecial(
  specialTokens: Iterable<string>,
  options: SpecialTokenOptions,
  where: string,
): { allowed: Set<string>; disallowed: Set<string> } {
  const known = [...specialTokens];
  const allowed = select(options.allowedSpecial ?? 'all', known, where);
  const disallowed =
    options.disallowedSpecial === undefined || options.disallowedSpecial === 'all'
      ? new Set(known.filter((t) => !allowed.has(t)))
      : select(options.disallowedSpecial, known, where);
  return { allowed, disallowed };
}

/** The first occurrence of any of `tokens` at or after `from` (longest token wins a tie). */
export function findSpecial(
  text: string,
  tokens: Iterable<string>,
  from = 0,
): { index: number; token: string } | undefined {
  let best: { index: number; token: string } | undefined;
  for (const token of tokens) {
    if (token.length === 0) continue;
    const index = text.indexOf(token, from);
    if (index === -1) continue;
    if (
      best === undefined ||
      index < best.index ||
      (index === best.index && token.length > best.token.length)
    ) {
      best = { index, token };
    }
  }
  return best;
}

/** Cuts `text` into ordinary runs and the `allowed` special tokens between them. */
export function splitOnSpecial(text: string, allowed: Set<string>): TextSegment[] {
  const segments: TextSegment[] = [];
  let start = 0;
  while (start <= text.length) {
    const next = allowed.size > 0 ? findSpecial(text, allowed, start) : undefined;
    const end = next === undefined ? text.length : next.index;
    if (end > start) segments.push({ text: text.slice(start, end), special: false });
    if (next === undefined) break;
    segments.push({ text: next.token, special: true });
    start = next.index + next.token.length;
  }
  return segments;
}
