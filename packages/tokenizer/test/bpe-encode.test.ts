import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { BpeTokenizer } from '../src/index.js';
import { mobyDick } from './fixtures.js';
import { variedTexts } from './texts.js';

let tok: BpeTokenizer;
beforeAll(() => {
  // Trained on English only, so other scripts fall back to bytes and short merges.
  tok = BpeTokenizer.train(mobyDick().slice(0, 200_000), {
    vocabSize: 600,
    specialTokens: ['<|endoftext|>', '<|sep|>'],
  });
});

const wellFormedUnit = fc.string({ unit: 'binary', maxLength: 1 });

describe('BpeTokenizer round trips', () => {
  it('decodes every varied text back to itself', () => {
    for (const [name, text] of Object.entries(variedTexts)) {
      const ids = tok.encode(text);
      expect(tok.decode(ids, { errors: 'strict' }), name).toBe(text);
      for (const id of ids) expect(id >= 0 && id < 598, name).toBe(true);
    }
  });

  it('uses learned merges: common English takes fewer tokens than bytes', () => {
    const ids = tok.encode(variedTexts.english);
    expect(ids.length).toBeLessThan(new TextEncoder().encode(variedTexts.english).length * 0.6);
  });

  it('round-trips random Unicode strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: wellFormedUnit, maxLength: 200 }), (text) => {
        expect(tok.decode(tok.encode(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 100 }), (text) => {
        expect(tok.decode(tok.encode(text))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips random strings of whitespace, letters and punctuation', () => {
    const unit = fc.constantFrom(
      ' ',
      '  ',
      '\n',
      '\t',
      '\r\n',
      'the',
      'e',
      "'s",
      "'",
      '.',
      ',',
      '1',
      '\u00a0',
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 100 }), (text) => {
        expect(tok.decode(tok.encode(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips long runs of one character', () => {
    for (const text of [' '.repeat(5000), 'a'.repeat(5000), '\n'.repeat(300), '🐳'.repeat(400)]) {
      expect(tok.decode(tok.encode(text))).toBe(text);
    }
  });

  it('encodes the same text the same way each time (cache on or off)', () => {
    const text = `${variedTexts.english} ${variedTexts.english}`;
    const first = tok.encode(text);
    expect(tok.encode(text)).toEqual(first);
    expect(BpeTokenizer.load(tok.save()).encode(text)).toEqual(first);
  });
});

describe('BpeTokenizer special tokens', () => {
  it('encodes allowed special tokens as single ids, never split', () => {
    const ids = tok.encode('the end<|endoftext|>A new<|sep|><|sep|>');
    expect(ids.filter((id) => id >= 598)).toEqual([598, 599, 599]);
    expect(ids[ids.indexOf(598) - 1]).toBe(tok.encode(' end').at(-1));
    expect(tok.decode(ids)).toBe('the end<|endoftext|>A new<|sep|><|sep|>');
    expect(tok.encode('<|endoftext|>')).toEqual([598]);
    expect(tok.tokenToId('<|endoftext|>')).toBe(598);
    expect(tok.idToToken(599)).toBe('<|sep|>');
  });

  it('follows allowedSpecial and disallowedSpecial as tiktoken does', () => {
    const text = 'x<|endoftext|>y<|sep|>';
    expect(() => tok.encode(text, { allowedSpecial: 'none' })).toThrow(
      /special token '<\|endoftext\|>' at index 1, which is disallowed/,
    );
    expect(() => tok.encode(text, { allowedSpecial: ['<|endoftext|>'] })).toThrow(
      /'<\|sep\|>' at index 15/,
    );
    const plain = tok.encode(text, { allowedSpecial: ['<|endoftext|>'], disallowedSpecial: [] });
    expect(plain.filter((id) => id >= 598)).toEqual([598]);
    expect(tok.decode(plain)).toBe(text);
    const ordinary = tok.encodeOrdinary(text);
    expect(ordinary.every((id) => id < 598)).toBe(true);
    expect(ordinary).toEqual(
      tok.encode(text, { allowedSpecial: 'none', disallowedSpecial: 'none' }),
    );
    expect(tok.decode(ordinary)).toBe(text);
    expect(() => tok.encode(text, { allowedSpecial: ['<|nope|>'] })).toThrow(
      /'<\|nope\|>' is not a special token/,
    );
    expect(() => tok.encode(text, { allowedSpecial: 'some' as 'all' })).toThrow(
      /expected 'all', 'none' or a list of special tokens, got 'some'/,
    );
  });

  it('prefers the longer special token where two start at the same place', () => {
    const t = new BpeTokenizer(
      Array.from({ length: 256 }, (_, b) => Uint8Array.of(b)),
      { specialTokens: { '<a>': 256, '<a>b': 257 } },
    );
    expect(t.encode('<a>b<a>')).toEqual([257, 256]);
  });
});

describe('BpeTokenizer invalid input', () => {
  it('rejects lone surrogates by default, naming the index, or replaces them with U+FFFD', () => {
    expect(() => tok.encode('ok \ud83d here')).toThrow(
      /BpeTokenizer\.encode: lone surrogate U\+D83D at index 3 has no UTF-8 encoding/,
    );
    expect(() => tok.encode('\udc00')).toThrow(/U\+DC00 at index 0/);
    const ids = tok.encode('ok \ud83d here', { loneSurrogates: 'replace' });
    expect(ids).toEqual(tok.encode('ok \ufffd here'));
    expect(tok.decode(ids)).toBe('ok \ufffd here');
    // A proper surrogate pair is one character and encodes fine.
    expect(tok.decode(tok.encode('\ud83d\udc33'))).toBe('🐳');
  });

  it('decodes partial characters to U+FFFD, or throws when strict', () => {
    const ids = tok.encode('語');
    expect(ids.length).toBe(3); // three UTF-8 bytes, never merged in English text
    expect(tok.decode(ids.slice(0, 2))).toBe('\ufffd');
    expect(() => tok.decode(ids.slice(0, 2), { errors: 'strict' })).toThrow(/not valid UTF-8/);
    expect(Array.from(tok.decodeBytes(ids))).toEqual([0xe8, 0xaa, 0x9e]);
    expect(tok.idToToken(ids[0])).toBe('\ufffd');
    expect(Array.from(tok.idToBytes(ids[0])!)).toEqual([0xe8]);
  });

  it('rejects unknown ids, naming the position', () => {
    expect(() => tok.decode([1, 2, 600])).toThrow(
      /BpeTokenizer\.decode: id 600 at position 2 is not in the vocabulary \(size 600\)/,
    );
    expect(() => tok.decode([-1])).toThrow(/id -1 at position 0/);
    expect(tok.idToToken(600)).toBeUndefined();
    expect(tok.idToBytes(1.5)).toBeUndefined();
  });

  it('refuses a pattern that skips text, instead of dropping it', () => {
    const t = BpeTokenizer.train('abc abc', { vocabSize: 258, pattern: '\\p{L}+|\\s+' });
    expect(() => t.encode('abc, abc')).toThrow(
      /the split pattern matches no piece at index 3 \(","\)/,
    );
  });

  it('looks tokens up by text or bytes', () => {
    const the = tok.tokenToId(' the');
    expect(the).toBeDefined();
    expect(tok.encode(' the')).toEqual([the]);
    expect(tok.idToToken(the!)).toBe(' the');
    expect(tok.tokenToId(new TextEncoder().encode(' the'))).toBe(the);
    expect(tok.tokenToId('not a token at all')).toBeUndefined();
  });

  it('rejects a vocabulary without every single byte', () => {
    const tokens = Array.from({ length: 256 }, (_, b) => Uint8Array.of(b));
    tokens[10] = Uint8Array.of(10, 10);
    expect(() => new BpeTokenizer(tokens)).toThrow(/no token for the single byte 0x0A/);
  });
});
