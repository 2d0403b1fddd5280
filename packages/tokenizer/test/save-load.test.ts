import { describe, expect, it } from 'vitest';
import { BpeTokenizer, CharTokenizer } from '../src/index.js';
import { variedTexts } from './texts.js';

const corpus = Object.values(variedTexts).join('\n').repeat(3);

describe('CharTokenizer save and load', () => {
  it('round-trips through JSON text, with and without unk', () => {
    for (const unk of [undefined, '<unk>']) {
      const tok = CharTokenizer.fromText(corpus, { unk });
      const loaded = CharTokenizer.load(tok.save());
      expect(loaded.chars).toEqual(tok.chars);
      expect(loaded.unk).toBe(unk);
      expect(loaded.encode(variedTexts.emoji)).toEqual(tok.encode(variedTexts.emoji));
      expect(CharTokenizer.fromJSON(tok.toJSON()).toJSON()).toEqual(tok.toJSON());
    }
  });

  it('says what is wrong with a corrupted file', () => {
    const good = CharTokenizer.fromText('abc').toJSON();
    expect(() => CharTokenizer.load('{"format": "xf-char')).toThrow(
      /CharTokenizer\.load: the file is not valid JSON/,
    );
    expect(() => CharTokenizer.load('[1, 2]')).toThrow(
      /expected a JSON object, got an array of length 2/,
    );
    expect(() => CharTokenizer.fromJSON({ ...good, format: 'xf-bpe-tokenizer' })).toThrow(
      /expected format 'xf-char-tokenizer', got "xf-bpe-tokenizer"/,
    );
    expect(() => CharTokenizer.fromJSON({ ...good, version: 2 })).toThrow(
      /unsupported version 2; this release reads version 1/,
    );
    expect(() => CharTokenizer.fromJSON({ ...good, chars: 'abc' })).toThrow(
      /'chars' must be an array of strings, got "abc"/,
    );
    expect(() => CharTokenizer.fromJSON({ ...good, chars: ['a', 'a'] })).toThrow(
      /CharTokenizer\.fromJSON: "a" \(U\+0061\) appears twice/,
    );
    expect(() => CharTokenizer.fromJSON({ ...good, unk: 5 })).toThrow(
      /'unk' must be a string or null, got 5/,
    );
  });
});

describe('BpeTokenizer save and load', () => {
  const trained = BpeTokenizer.train(corpus, {
    vocabSize: 400,
    specialTokens: ['<|endoftext|>', '<|pad|>'],
  });

  it('round-trips through JSON text with identical encodings', () => {
    const loaded = BpeTokenizer.load(trained.save());
    expect(loaded.toJSON()).toEqual(trained.toJSON());
    expect(loaded.vocabSize).toBe(trained.vocabSize);
    expect(loaded.specialTokens).toEqual({ '<|endoftext|>': 398, '<|pad|>': 399 });
    for (const text of Object.values(variedTexts)) {
      expect(loaded.encode(`${text}<|endoftext|>`)).toEqual(trained.encode(`${text}<|endoftext|>`));
    }
  });

  it('keeps readable tokens as strings and partial characters as bytes', () => {
    const json = trained.toJSON();
    expect(json.format).toBe('xf-bpe-tokenizer');
    expect(json.version).toBe(1);
    expect(json.tokens[97]).toBe('a');
    expect(json.tokens[0xe3]).toEqual([0xe3]);
    expect(json.tokens.length).toBe(398);
  });

  it('keeps a custom pre-tokenisation pattern', () => {
    const tok = BpeTokenizer.train('aa bb aa bb', { vocabSize: 260, pattern: '\\S+|\\s+' });
    const loaded = BpeTokenizer.load(tok.save());
    expect(loaded.pattern).toBe('\\S+|\\s+');
    expect(loaded.encode('aa bb')).toEqual(tok.encode('aa bb'));
  });

  it('says what is wrong with a corrupted file', () => {
    const good = trained.toJSON();
    const tokens = [...good.tokens];
    const load = (changes: Record<string, unknown>) => () =>
      BpeTokenizer.fromJSON({ ...good, ...changes });
    expect(() => BpeTokenizer.load(trained.save().slice(0, 500))).toThrow(
      /BpeTokenizer\.load: the file is not valid JSON/,
    );
    expect(() => BpeTokenizer.load('null')).toThrow(/expected a JSON object, got null/);
    expect(load({ format: undefined })).toThrow(
      /expected format 'xf-bpe-tokenizer', got nothing \(the field is missing\)/,
    );
    expect(load({ version: 2 })).toThrow(
      /BpeTokenizer\.fromJSON: unsupported version 2; this release reads version 1/,
    );
    expect(load({ version: '1' })).toThrow(/unsupported version "1"/);
    expect(load({ tokens: {} })).toThrow(/'tokens' must be an array, got an object/);
    expect(load({ pattern: 3 })).toThrow(/'pattern' must be a string, got 3/);
    expect(load({ pattern: '(' })).toThrow(/pattern is not a valid regular expression/);
    expect(load({ specialTokens: [] })).toThrow(/'specialTokens' must be an object, got an array/);
    expect(load({ tokens: tokens.map((t, i) => (i === 300 ? [256, 1] : t)) })).toThrow(
      /tokens\[300\] must be a non-empty string or a list of byte values 0-255, got an array of length 2/,
    );
    expect(load({ tokens: tokens.map((t, i) => (i === 300 ? '' : t)) })).toThrow(
      /tokens\[300\] must be/,
    );
    expect(load({ tokens: tokens.map((t, i) => (i === 301 ? tokens[300] : t)) })).toThrow(
      /BpeTokenizer\.fromJSON: tokens 300 and 301 have the same bytes/,
    );
    expect(load({ tokens: tokens.map((t, i) => (i === 65 ? 'AAAA' : t)) })).toThrow(
      /no token for the single byte 0x41; every byte needs one/,
    );
    expect(load({ specialTokens: { '<|endoftext|>': 5 } })).toThrow(
      /special token '<\|endoftext\|>' has id 5, which belongs to ordinary token 5 \(ids 0-397\)/,
    );
    expect(load({ specialTokens: { a: 400, b: 400 } })).toThrow(
      /special tokens 'a' and 'b' share id 400/,
    );
    expect(load({ specialTokens: { a: 'x' } })).toThrow(/special token 'a' has id "x"/);
  });
});
