import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CharTokenizer } from '../src/index.js';
import { variedTexts } from './texts.js';

describe('CharTokenizer', () => {
  it('builds a sorted vocabulary of the distinct characters of a corpus', () => {
    const tok = CharTokenizer.fromText('hello world');
    expect(tok.chars).toEqual([' ', 'd', 'e', 'h', 'l', 'o', 'r', 'w']);
    expect(tok.vocabSize).toBe(8);
    expect(tok.encode('hello')).toEqual([3, 2, 4, 4, 5]);
    expect(tok.decode([7, 5, 6, 4, 1])).toBe('world');
    expect(tok.tokenToId('o')).toBe(5);
    expect(tok.idToToken(0)).toBe(' ');
    expect(tok.tokenToId('z')).toBeUndefined();
    expect(tok.idToToken(8)).toBeUndefined();
  });

  it('treats a code point as one character and sorts by code point, not UTF-16 unit', () => {
    // U+FF01 sorts before U+1F433 by code point, after it by UTF-16 unit (0xD83D).
    const tok = CharTokenizer.fromText('🐳！a');
    expect(tok.chars).toEqual(['a', '！', '🐳']);
    expect(tok.encode('🐳a🐳')).toEqual([2, 0, 2]);
  });

  it('round-trips every text of its corpus', () => {
    const corpus = Object.values(variedTexts).join('');
    const tok = CharTokenizer.fromText(corpus);
    for (const [name, text] of Object.entries(variedTexts)) {
      expect(tok.decode(tok.encode(text)), name).toBe(text);
    }
  });

  it('round-trips random strings, lone surrogates included', () => {
    const utf16Unit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(
        fc.string({ unit: fc.oneof(utf16Unit, fc.string({ unit: 'binary', maxLength: 1 })) }),
        (text) => {
          const tok = CharTokenizer.fromText(text);
          expect(tok.decode(tok.encode(text))).toBe(text);
          expect(tok.encode(text).length).toBe([...text].length);
        },
      ),
    );
  });

  it('names an unknown character and its index', () => {
    const tok = CharTokenizer.fromText('ab🐳c');
    expect(() => tok.encode('ab\nc')).toThrow(
      /CharTokenizer\.encode: character "\\n" \(U\+000A\) at index 2 is not in the vocabulary/,
    );
    // The index counts UTF-16 units, as text[index] does.
    expect(() => tok.encode('a🐳bé')).toThrow(/character "é" \(U\+00E9\) at index 4/);
  });

  it('maps unknown characters to unk when asked', () => {
    const tok = CharTokenizer.fromText('abc', { unk: '<unk>' });
    expect(tok.vocabSize).toBe(4);
    expect(tok.encode('abzc🐳')).toEqual([0, 1, 3, 2, 3]);
    expect(tok.decode([0, 3, 2])).toBe('a<unk>c');
    expect(tok.tokenToId('<unk>')).toBe(3);
    expect(tok.idToToken(3)).toBe('<unk>');
  });

  it('rejects bad vocabularies, unk and ids', () => {
    expect(() => new CharTokenizer(['a', 'b', 'a'])).toThrow(/"a" \(U\+0061\) appears twice/);
    expect(() => new CharTokenizer(['a', 'bc'])).toThrow(
      /entry 1 must be a single character, got "bc"/,
    );
    expect(() => CharTokenizer.fromText('abc', { unk: 'a' })).toThrow(
      /unk "a" is also an ordinary character/,
    );
    expect(() => CharTokenizer.fromText('abc', { unk: '' })).toThrow(
      /unk must be a non-empty string/,
    );
    const tok = CharTokenizer.fromText('abc');
    expect(() => tok.decode([0, 3])).toThrow(
      /id 3 at position 1 is not in the vocabulary \(size 3\)/,
    );
    expect(() => tok.decode([0.5])).toThrow(/id 0.5 at position 0/);
  });
});
