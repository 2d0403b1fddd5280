/**
 * GPT-2 compatibility: the rank table js-tiktoken ships for `gpt2`, loaded with
 * fromTiktokenRanks, must give exactly js-tiktoken's ids.
 */
import fc from 'fast-check';
import { Tiktoken } from 'js-tiktoken/lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { BpeTokenizer, GPT2_SPLIT_PATTERN, parseTiktokenRanks } from '../src/index.js';
import { gpt2, gpt2Pattern, gpt2Ranks, gpt2SpecialTokens, mobyDick } from './fixtures.js';
import { variedTexts } from './texts.js';

let ours: BpeTokenizer;
let peer: Tiktoken;
beforeAll(() => {
  ours = BpeTokenizer.fromTiktokenRanks(gpt2Ranks(), { specialTokens: gpt2SpecialTokens });
  peer = new Tiktoken(gpt2);
});

/** Encodes with both, special tokens allowed on both sides, and checks ids and round trip. */
function same(text: string, name = JSON.stringify(text.slice(0, 40))): void {
  expect(ours.encode(text), name).toEqual(peer.encode(text, 'all'));
  expect(ours.decode(ours.encode(text)), name).toBe(text);
}

describe('GPT-2 through fromTiktokenRanks', () => {
  it('uses the same pattern, vocabulary size and end-of-text token', () => {
    expect(GPT2_SPLIT_PATTERN).toBe(gpt2Pattern);
    expect(ours.pattern).toBe(gpt2Pattern);
    expect(ours.vocabSize).toBe(50257);
    expect(ours.tokenToId('<|endoftext|>')).toBe(50256);
    expect(ours.idToToken(50256)).toBe('<|endoftext|>');
  });

  it('gives known ids for a known sentence', () => {
    // GPT-2's well-known ids for "Hello world" and " the".
    expect(ours.encode('Hello world')).toEqual([15496, 995]);
    expect(ours.encode(' the')).toEqual([262]);
  });

  it('matches js-tiktoken on varied texts', () => {
    for (const [name, text] of Object.entries(variedTexts)) same(text, name);
    same(Object.values(variedTexts).join('\n'));
  });

  it('matches js-tiktoken on a long chunk of Moby Dick', () => {
    const text = mobyDick().slice(100_000, 300_000);
    expect(text.length).toBe(200_000);
    same(text);
  });

  it('matches js-tiktoken on random Unicode strings', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.string({ unit: 'binary', maxLength: 1 }), maxLength: 120 }),
        (t) => same(t),
      ),
      { numRuns: 400 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (t) => same(t)),
      { numRuns: 300 },
    );
  });

  it('matches js-tiktoken on random contractions, numbers and whitespace', () => {
    const unit = fc.constantFrom(
      "'s",
      "'t",
      "'re",
      "'ve",
      "'m",
      "'ll",
      "'d",
      "'",
      ' ',
      '  ',
      '\n',
      '\t',
      'x',
      'X',
      '7',
      '42',
      '.',
      '🐳',
      '\u00a0',
      '\u3000',
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (t) => same(t)),
      { numRuns: 500 },
    );
  });

  it('handles <|endoftext|> like tiktoken', () => {
    const text = 'The end.<|endoftext|>A new story<|endoftext|>';
    same(text);
    expect(ours.encode(text).filter((id) => id === 50256).length).toBe(2);
    // tiktoken's defaults raise on a special token; ours do with allowedSpecial: 'none'.
    expect(() => peer.encode(text)).toThrow();
    expect(() => ours.encode(text, { allowedSpecial: 'none' })).toThrow(
      /'<\|endoftext\|>' at index 8/,
    );
    // Neither allowed nor disallowed: encoded as ordinary text.
    expect(ours.encode(text, { allowedSpecial: [], disallowedSpecial: [] })).toEqual(
      peer.encode(text, [], []),
    );
    expect(ours.encodeOrdinary(text)).toEqual(peer.encode(text, [], []));
    expect(ours.decode([50256])).toBe('<|endoftext|>');
  });

  it('replaces lone surrogates like tiktoken when asked', () => {
    const text = 'a\ud800b \udfff';
    expect(ours.encode(text, { loneSurrogates: 'replace' })).toEqual(peer.encode(text));
  });

  it('decodes tiktoken ids to the same text', () => {
    const ids = peer.encode(variedTexts.emoji + variedTexts.chinese);
    expect(ours.decode(ids)).toBe(peer.decode(ids));
  });

  it('loads the same table from the .tiktoken text format', () => {
    const file = gpt2Ranks()
      .map(([bytes, rank]) => `${Buffer.from(bytes).toString('base64')} ${rank}`)
      .join('\n');
    const fromFile = BpeTokenizer.fromTiktokenRanks(parseTiktokenRanks(file), {
      specialTokens: { '<|endoftext|>': 50256 },
    });
    expect(fromFile.toJSON()).toEqual(ours.toJSON());
  });

  it('survives save and load', () => {
    const loaded = BpeTokenizer.load(ours.save());
    const text = variedTexts.english + variedTexts.emoji + variedTexts.code;
    expect(loaded.encode(text)).toEqual(peer.encode(text));
    expect(loaded.vocabSize).toBe(50257);
  });
});

describe('fromTiktokenRanks input checks', () => {
  const bytes = Array.from({ length: 256 }, (_, b): [Uint8Array, number] => [Uint8Array.of(b), b]);

  it('rejects gaps, repeats and bad entries in the rank table', () => {
    expect(() => BpeTokenizer.fromTiktokenRanks([...bytes, [Uint8Array.of(1, 2), 257]])).toThrow(
      /rank 256 is missing; ranks must run 0\.\.257/,
    );
    expect(() => BpeTokenizer.fromTiktokenRanks([...bytes, [Uint8Array.of(1, 2), 3]])).toThrow(
      /rank 3 appears twice/,
    );
    expect(() => BpeTokenizer.fromTiktokenRanks([[Uint8Array.of(1), -1]])).toThrow(/rank -1/);
    expect(() => BpeTokenizer.fromTiktokenRanks([...bytes, [Uint8Array.of(1), 256]])).toThrow(
      /tokens 1 and 256 have the same bytes \[1\]/,
    );
  });
});
