import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64 } from '../src/base64.js';
import { mergeByHeap, mergeByScan } from '../src/byte-pair-merge.js';
import { BpeTokenizer, parseTiktokenRanks } from '../src/index.js';

/** A rank table: the 256 bytes, then `extra` tokens (ASCII strings) in merge order. */
function table(extra: string[]): Map<string, number> {
  const ranks = new Map<string, number>();
  for (let b = 0; b < 256; b++) ranks.set(String.fromCharCode(b), b);
  for (const t of extra) if (!ranks.has(t)) ranks.set(t, ranks.size);
  return ranks;
}

describe('merging one piece by rank', () => {
  it('merges the lowest-ranked pair first, leftmost on a tie', () => {
    const ranks = table(['aa', 'ab', 'aab', 'aaaa']);
    // "aaab": (a,a) rank 256 at 0 and 1, leftmost first -> [aa, a, b]; then (a,b) 257 -> [aa, ab].
    // "aab" (258) is a token but [aa, b] never forms, so the result is not simply the longest match.
    expect(mergeByScan('aaab', ranks)).toEqual([256, 257]);
    // "aaaa": [aa, a, a] -> [aa, aa] -> aaaa.
    expect(mergeByScan('aaaa', ranks)).toEqual([259]);
    expect(mergeByScan('', ranks)).toEqual([]);
    expect(mergeByScan('z', ranks)).toEqual([122]);
  });

  it('gives the same result by heap as by scan', () => {
    const alphabet = ['a', 'b', 'c', ' '];
    const token = fc.string({ unit: fc.constantFrom(...alphabet), minLength: 2, maxLength: 6 });
    fc.assert(
      fc.property(
        fc.array(token, { maxLength: 40 }),
        fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 300 }),
        (extra, piece) => {
          const ranks = table(extra);
          expect(mergeByHeap(piece, ranks)).toEqual(mergeByScan(piece, ranks));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('parseTiktokenRanks', () => {
  it('reads the .tiktoken text format', () => {
    const lines = Array.from(
      { length: 256 },
      (_, b) => `${Buffer.from([b]).toString('base64')} ${b}`,
    );
    lines.push(
      `${Buffer.from('ab').toString('base64')} 256`,
      `${Buffer.from(' the').toString('base64')} 257`,
      '',
    );
    const ranks = parseTiktokenRanks(lines.join('\n'));
    expect(ranks.length).toBe(258);
    expect(Array.from(ranks[257][0])).toEqual([32, 116, 104, 101]);
    const tok = BpeTokenizer.fromTiktokenRanks(ranks);
    expect(tok.encode('ab the')).toEqual([256, 257]);
  });

  it('names the bad line', () => {
    expect(() => parseTiktokenRanks('YQ== 0\nYg== x\n')).toThrow(
      /line 2 is not 'base64-bytes rank': "Yg== x"/,
    );
    expect(() => parseTiktokenRanks('Y!== 0')).toThrow(/line 1/);
    expect(() => parseTiktokenRanks('YQ==')).toThrow(/line 1/);
  });

  it('decodes base64 as Node does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        expect(decodeBase64(Buffer.from(bytes).toString('base64'))).toEqual(bytes);
      }),
    );
    expect(decodeBase64('abc')).toBeUndefined();
    expect(decodeBase64('a=bc')).toBeUndefined();
    expect(decodeBase64('====')).toBeUndefined();
  });
});
