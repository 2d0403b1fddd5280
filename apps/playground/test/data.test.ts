import { Generator } from '@xf/tensor';
import { describe, expect, it } from 'vitest';
import { namesText } from '../src/core/lm/text.js';
import { ReverseLoader, randomDigitStrings, reverseBatch } from '../src/core/reverse/loader.js';
import { BOS_ID, decodeDigits, EOS_ID, encodeDigits, PAD_ID } from '../src/core/reverse/vocab.js';

describe('namesText', () => {
  it('is every distinct name once, lower case, one per line, in a fixed shuffled order', () => {
    const text = namesText(['Anna', 'Bob', 'anna', ' Cy ', 'Dee', 'Eve']);
    expect(text.startsWith('\n') && text.endsWith('\n')).toBe(true);
    const names = text.trim().split('\n');
    expect([...names].sort()).toEqual(['anna', 'bob', 'cy', 'dee', 'eve']);
    expect(namesText(['Eve', 'Dee', 'Cy', 'Bob', 'Anna'])).toBe(text);
  });
});

describe('the reverse task', () => {
  it('encodes digits after the three special tokens and decodes up to EOS', () => {
    expect(encodeDigits('092')).toEqual([3, 12, 5]);
    expect(decodeDigits([3, 12, EOS_ID, 5])).toBe('09');
  });

  it('makes padded batches: tgtIn is BOS + reversed, targets are reversed + EOS', () => {
    const b = reverseBatch(['12', '345']);
    expect(b.src.shape).toEqual([2, 3]);
    expect(Array.from(b.src.data)).toEqual([4, 5, PAD_ID, 6, 7, 8]);
    expect(Array.from(b.tgtIn.data)).toEqual([BOS_ID, 5, 4, PAD_ID, BOS_ID, 8, 7, 6]);
    expect(Array.from(b.targets.data)).toEqual([5, 4, EOS_ID, PAD_ID, 8, 7, 6, EOS_ID]);
  });

  it('draws strings of 1..maxDigits digits and resumes the same stream from its state', () => {
    const strings = randomDigitStrings(new Generator(1), 200, 5);
    expect(strings.every((s) => /^\d{1,5}$/.test(s))).toBe(true);
    expect(new Set(strings.map((s) => s.length)).size).toBe(5);
    const a = new ReverseLoader(4, 6, 7);
    a.getBatch('train');
    const state = a.stateDict();
    const next = a.getBatch('train').strings;
    const b = new ReverseLoader(4, 6, 99);
    b.loadStateDict(state);
    expect(b.getBatch('train').strings).toEqual(next);
    expect(() => b.loadStateDict({ kind: 'other' })).toThrow(/expected \{ kind: 'reverse'/);
  });
});
