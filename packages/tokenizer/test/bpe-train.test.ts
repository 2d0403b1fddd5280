import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BpeTokenizer, GPT2_SPLIT_PATTERN, trainBpe } from '../src/index.js';

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
const merged = (result: ReturnType<typeof trainBpe>): string[] =>
  result.merges.map((m) => text(result.tokens[m.id]));

describe('trainBpe by hand', () => {
  // Words (one per line, so the pattern keeps each whole): "bz" x5, "abz" x2, "abc" x2, "abe" x2.
  // Pair counts, weighted by word frequency:
  //  1. (b,z) 5+2 = 7 beats (a,b) 2+2+2 = 6                          -> 256 "bz"
  //  2. (a,b) 4 (in abc, abe); (a,bz), (b,c), (b,e) have 2          -> 257 "ab"
  //  3. (ab,c), (ab,e), (a,bz) tie at 2. Left tokens first: "ab" > "a" (a longer string with
  //     the same start is greater), leaving (ab,c) and (ab,e); then right tokens: "e" > "c".
  //     (Comparing the joined bytes instead would pick "abz".)           -> 258 "abe"
  //  4. (ab,c) and (a,bz) tie at 2: "ab" > "a"                          -> 259 "abc"
  //  5. (a,bz) 2                                                         -> 260 "abz"
  //  Then every word is one token and training stops short of vocabSize.
  const corpus = ['bz', 'bz', 'abz', 'abc', 'bz', 'abe', 'abz', 'bz', 'abc', 'abe', 'bz'].join(
    '\n',
  );

  it('merges the most frequent pair, breaking ties towards the greater pair', () => {
    const result = trainBpe(corpus, { vocabSize: 300 });
    const [a, b, c, e, z] = [97, 98, 99, 101, 122];
    expect(result.merges).toEqual([
      { left: b, right: z, id: 256, count: 7 },
      { left: a, right: b, id: 257, count: 4 },
      { left: 257, right: e, id: 258, count: 2 },
      { left: 257, right: c, id: 259, count: 2 },
      { left: a, right: 256, id: 260, count: 2 },
    ]);
    expect(merged(result)).toEqual(['bz', 'ab', 'abe', 'abc', 'abz']);
    expect(result.tokens.length).toBe(261);
  });

  it('stops at vocabSize, counting special tokens', () => {
    const result = trainBpe(corpus, { vocabSize: 260, specialTokens: ['<|endoftext|>'] });
    expect(merged(result)).toEqual(['bz', 'ab', 'abe']);
    expect(result.specialTokens).toEqual({ '<|endoftext|>': 259 });
    const tok = BpeTokenizer.train(corpus, { vocabSize: 260, specialTokens: ['<|endoftext|>'] });
    expect(tok.vocabSize).toBe(260);
    expect(tok.encode('abz\nabe<|endoftext|>')).toEqual([97, 256, 10, 258, 259]);
  });

  it('compares bytes, not locale or UTF-16 order', () => {
    // (x,a) and (x,Z) tie; 'a' is 0x61 > 'Z' 0x5A. Then é's bytes C3 A9 beat any ASCII pair.
    expect(merged(trainBpe('xZ\nxa', { vocabSize: 258 }))).toEqual(['xa', 'xZ']);
    expect(merged(trainBpe('xy\né', { vocabSize: 258 }))).toEqual(['é', 'xy']);
  });

  it('merges overlapping pairs left to right and counts each occurrence', () => {
    // "aaaa" has (a,a) three times; merging left to right gives [aa, aa], then (aa,aa).
    const result = trainBpe('aaaa', { vocabSize: 300 });
    expect(result.merges).toEqual([
      { left: 97, right: 97, id: 256, count: 3 },
      { left: 256, right: 256, id: 257, count: 1 },
    ]);
  });

  it('never merges across pre-tokenised pieces or special tokens', () => {
    const result = trainBpe('a b<|endoftext|>c a b<|endoftext|>c', {
      vocabSize: 1000,
      specialTokens: ['<|endoftext|>'],
    });
    // Pieces: "a", " b", "c", " a", " b", "c": the only pairs are " a" and " b".
    expect(merged(result).sort()).toEqual([' a', ' b']);
  });

  it('rejects bad options', () => {
    expect(() => trainBpe('abc', { vocabSize: 255 })).toThrow(
      /vocabSize must be an integer of at least 256 \(the byte tokens\) \+ 0 \(special tokens\) and at most 2097152, got 255/,
    );
    expect(() => trainBpe('abc', { vocabSize: 256.5 })).toThrow(/vocabSize must be an integer/);
    expect(() => trainBpe('abc', { vocabSize: 2 ** 22 })).toThrow(/at most 2097152, got 4194304/);
    expect(() => trainBpe('abc', { vocabSize: 256, specialTokens: ['<s>'] })).toThrow(
      /\+ 1 \(special tokens\) and at most 2097152, got 256/,
    );
    expect(() => trainBpe('abc', { vocabSize: 300, specialTokens: [''] })).toThrow(
      /special tokens must be non-empty strings, got ""/,
    );
    expect(() => trainBpe('abc', { vocabSize: 300, pattern: '[' })).toThrow(
      /BpeTokenizer\.train: pattern is not a valid regular expression/,
    );
    expect(() => trainBpe('ab, cd', { vocabSize: 300, pattern: '\\p{L}+' })).toThrow(
      /the split pattern matches no piece at index 2 \(","\)/,
    );
    expect(() => trainBpe('ab\ud800', { vocabSize: 300 })).toThrow(
      /lone surrogate U\+D800 at index 2/,
    );
    // Replaced by U+FFFD (bytes EF BF BD), which then merges first: its bytes are the greatest.
    const replaced = trainBpe('ab\ud800ab\ud800', { vocabSize: 259, loneSurrogates: 'replace' });
    expect(replaced.merges.map((m) => Array.from(replaced.tokens[m.id]))).toEqual([
      [0xef, 0xbf],
      [0xef, 0xbf, 0xbd],
      [97, 98],
    ]);
  });
});

/**
 * The textbook algorithm, written independently: recount every pair of every occurrence of every
 * word at each step, take the maximum under the same tie rule, merge everywhere.
 */
function referenceMerges(corpus: string, vocabSize: number): Array<[number[], number[], number]> {
  const tokens: number[][] = Array.from({ length: 256 }, (_, b) => [b]);
  const pieces = corpus.match(new RegExp(GPT2_SPLIT_PATTERN, 'gu')) ?? [];
  let words = pieces.map((p) => Array.from(new TextEncoder().encode(p)));
  const compare = (x: number[], y: number[]): number => {
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
    return x.length - y.length;
  };
  const out: Array<[number[], number[], number]> = [];
  while (tokens.length < vocabSize) {
    const counts = new Map<string, number>();
    for (const w of words) {
      for (let i = 0; i + 1 < w.length; i++) {
        const key = `${w[i]},${w[i + 1]}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    let best: [number, number] | undefined;
    let bestCount = 0;
    for (const [key, count] of counts) {
      const [l, r] = key.split(',').map(Number);
      const better =
        count > bestCount ||
        (count === bestCount &&
          best !== undefined &&
          (compare(tokens[l], tokens[best[0]]) > 0 ||
            (compare(tokens[l], tokens[best[0]]) === 0 &&
              compare(tokens[r], tokens[best[1]]) > 0)));
      if (better) {
        best = [l, r];
        bestCount = count;
      }
    }
    if (best === undefined) break;
    const [l, r] = best;
    const bytes = [...tokens[l], ...tokens[r]];
    let id = tokens.findIndex((t) => compare(t, bytes) === 0);
    if (id === -1) id = tokens.push(bytes) - 1;
    out.push([tokens[l], tokens[r], bestCount]);
    words = words.map((w) => {
      const next: number[] = [];
      for (let i = 0; i < w.length; i++) {
        if (i + 1 < w.length && w[i] === l && w[i + 1] === r) {
          next.push(id);
          i++;
        } else next.push(w[i]);
      }
      return next;
    });
  }
  return out;
}

describe('trainBpe against the textbook algorithm', () => {
  const check = (corpus: string, vocabSize: number): void => {
    const result = trainBpe(corpus, { vocabSize });
    const ours = result.merges.map((m) => [
      Array.from(result.tokens[m.left]),
      Array.from(result.tokens[m.right]),
      m.count,
    ]);
    expect(ours).toEqual(referenceMerges(corpus, vocabSize));
  };

  it('learns the same merges on random text over a small alphabet (many ties)', () => {
    const unit = fc.constantFrom('a', 'b', 'c', ' ', '\n', 'é', "'", '1');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 300 }), fc.integer({ min: 256, max: 400 }), check),
      { numRuns: 150 },
    );
  });

  it('learns the same merges on random Unicode text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 80 }),
        fc.integer({ min: 256, max: 600 }),
        check,
      ),
      { numRuns: 60 },
    );
  });

  it('learns the same merges on a paragraph of English', () => {
    const paragraph =
      'It is a way I have of driving off the spleen and regulating the circulation. Whenever I ' +
      'find myself growing grim about the mouth; whenever it is a damp, drizzly November in my ' +
      'soul; whenever I find myself involuntarily pausing before coffin warehouses, and bringing ' +
      'up the rear of every funeral I meet; then, I account it high time to get to sea as soon as I can.';
    check(paragraph, 400);
  });
});
