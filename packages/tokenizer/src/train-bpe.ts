import { type ByteString, byteStringToBytes } from './byte-string.js';
import { Heap } from './heap.js';
import { compileSplitPattern, GPT2_SPLIT_PATTERN, splitPieces } from './pretokenize.js';
import { splitOnSpecial } from './special-tokens.js';
import { encodeUtf8, type LoneSurrogates, wellFormed } from './utf8.js';

export interface TrainBpeOptions {
  /** Final vocabulary size: the 256 byte tokens, the learned merges and the special tokens. */
  vocabSize: number;
  /** Special tokens, given the ids after the learned tokens. They are cut out of the training text. */
  specialTokens?: string[];
  /** Pre-tokenisation regex (flags `gu` are added). Default: GPT-2's. */
  pattern?: string;
  /** What to do with lone surrogates in the training text. Default 'error'. */
  loneSurrogates?: LoneSurrogates;
}

/** One training step: tokens `left` and `right`, next to each other `count` times, became `id`. */
export interface BpeMerge {
  left: number;
  right: number;
  id: number;
  count: number;
}

export interface TrainBpeResult {
  /** The bytes of each ordinary token, indexed by id: ids 0–255 are the single bytes. */
  tokens: Uint8Array[];
  /** The merges in the order they were learned. */
  merges: BpeMerge[];
  /** Special token ids, numbered after the ordinary tokens. */
  specialTokens: Record<string, number>;
  pattern: string;
}

interface Candidate {
  left: number;
  right: number;
  count: number;
}

// Pairs are Map keys as one number, left * 2^32 + right: exact while ids stay below 2^21.
const SHIFT = 2 ** 32;
const MAX_VOCAB = 2 ** 21;
const pairKey = (left: number, right: number): number => left * SHIFT + right;

/** Counts each distinct pre-tokenised piece once, with how often it occurs. */
function countWords(
  text: string,
  specialTokens: string[],
  regex: RegExp,
  where: string,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const segment of splitOnSpecial(text, new Set(specialTokens))) {
    if (segment.special) continue;
    for (const piece of splitPieces(segment.text, regex, where)) {
      counts.set(piece, (counts.get(piece) ?? 0) + 1);
    }
  }
  return counts;
}

/** `word` with every (left, right) replaced by `id`, left to right; null when the pair is absent. */
function mergeInWord(word: number[], left: number, right: number, id: number): number[] | null {
  let out: number[] | null = null;
  for (let i = 0; i < word.length; i++) {
    if (word[i] === left && i + 1 < word.length && word[i + 1] === right) {
      out ??= word.slice(0, i);
      out.push(id);
      i++;
    } else if (out !== null) {
      out.push(word[i]);
    }
  }
  return out;
}

/**
 * Learns byte-level BPE merges from `text`. Each step merges the most frequent adjacent pair of
 * tokens (pairs are counted inside pre-tokenised words, weighted by how often each word occurs,
 * overlapping occurrences included), breaking ties towards the lexicographically greater pair:
 * compare the left tokens' bytes, then the right tokens'. Training stops at `vocabSize` or when
 * no pair is left.
 *
 * Pair counts are kept up to date incrementally: a merge only revisits the words that contain the
 * merged pair, and a heap (with stale entries skipped) yields the next most frequent pair.
 */
export function trainBpe(text: string, options: TrainBpeOptions): TrainBpeResult {
  const where = 'BpeTokenizer.train';
  const specials = [...new Set(options.specialTokens ?? [])];
  for (const s of specials) {
    if (typeof s !== 'string' || s.length === 0) {
      throw new Error(
        `${where}: special tokens must be non-empty strings, got ${JSON.stringify(s)}`,
      );
    }
  }
  const { vocabSize } = options;
  if (!Number.isInteger(vocabSize) || vocabSize < 256 + specials.length || vocabSize > MAX_VOCAB) {
    throw new Error(
      `${where}: vocabSize must be an integer of at least 256 (the byte tokens) + ` +
        `${specials.length} (special tokens) and at most ${MAX_VOCAB}, got ${vocabSize}`,
    );
  }
  const pattern = options.pattern ?? GPT2_SPLIT_PATTERN;
  const regex = compileSplitPattern(pattern, where);
  const clean = wellFormed(text, options.loneSurrogates ?? 'error', where);

  // tokens[id] is the token's bytes; ids maps bytes back to the id.
  const tokens: ByteString[] = [];
  for (let b = 0; b < 256; b++) tokens.push(String.fromCharCode(b));
  const ids = new Map<ByteString, number>(tokens.map((t, id) => [t, id]));

  // Each distinct word once, as token ids, with its frequency.
  const words: number[][] = [];
  const freqs: number[] = [];
  for (const [word, freq] of countWords(clean, specials, regex, where)) {
    words.push(Array.from(encodeUtf8(word)));
    freqs.push(freq);
  }

  // pairCount: occurrences of each adjacent pair; pairWords: words that (may) contain it.
  const pairCount = new Map<number, number>();
  const pairWords = new Map<number, Set<number>>();
  const addPairs = (w: number, sign: 1 | -1, deltas: Map<number, number>): void => {
    const word = words[w];
    for (let i = 0; i + 1 < word.length; i++) {
      const key = pairKey(word[i], word[i + 1]);
      deltas.set(key, (deltas.get(key) ?? 0) + sign * freqs[w]);
      if (sign === 1) {
        let set = pairWords.get(key);
        if (set === undefined) pairWords.set(key, (set = new Set()));
        set.add(w);
      }
    }
  };

  const first = (a: Candidate, b: Candidate): boolean => {
    if (a.count !== b.count) return a.count > b.count;
    if (tokens[a.left] !== tokens[b.left]) return tokens[a.left] > tokens[b.left];
    return tokens[a.right] > tokens[b.right];
  };
  const heap = new Heap<Candidate>(first);

  // Applies count changes and queues each changed pair with its new count.
  const apply = (deltas: Map<number, number>): void => {
    for (const [key, delta] of deltas) {
      if (delta === 0) continue;
      const count = (pairCount.get(key) ?? 0) + delta;
      if (count > 0) {
        pairCount.set(key, count);
        heap.push({ left: Math.floor(key / SHIFT), right: key % SHIFT, count });
      } else {
        pairCount.delete(key);
      }
    }
  };

  const initial = new Map<number, number>();
  for (let w = 0; w < words.length; w++) addPairs(w, 1, initial);
  apply(initial);

  const merges: BpeMerge[] = [];
  const ordinaryTarget = vocabSize - specials.length;
  while (tokens.length < ordinaryTarget) {
    // Heap entries go stale when a pair's count changes; the current one has the live count.
    let best: Candidate | undefined;
    while ((best = heap.pop()) !== undefined) {
      if (pairCount.get(pairKey(best.left, best.right)) === best.count) break;
    }
    if (best === undefined) break;

    const { left, right, count } = best;
    const bytes = tokens[left] + tokens[right];
    // Two different pairs can spell the same bytes; reuse the token so ids stay one per byte string.
    let id = ids.get(bytes);
    if (id === undefined) {
      id = tokens.length;
      tokens.push(bytes);
      ids.set(bytes, id);
    }
    merges.push({ left, right, id, count });

    const key = pairKey(left, right);
    const deltas = new Map<number, number>();
    for (const w of pairWords.get(key) ?? []) {
      const merged = mergeInWord(words[w], left, right, id);
      if (merged === null) continue; // stale: an earlier merge already consumed the pair here
      addPairs(w, -1, deltas);
      words[w] = merged;
      addPairs(w, 1, deltas);
    }
    pairWords.delete(key);
    apply(deltas);
  }

  const specialTokens: Record<string, number> = {};
  specials.forEach((s, i) => {
    specialTokens[s] = tokens.length + i;
  });
  return { tokens: tokens.map(byteStringToBytes), merges, specialTokens, pattern };
}
