import { BpeTokenizer, trainBpe } from '@xf/tokenizer';
import { defineCheck } from '../../../../engine/types.js';
import { textOfIds, wordsOf } from '../../words.js';

type Impl = { mergePair: (ids: number[], left: number, right: number, newId: number) => number[] };
interface Input {
  words: number[][];
  left: number;
  right: number;
}

function merger(opts: { skip?: boolean; firstOnly?: boolean; fromRight?: boolean }) {
  return (ids: number[], left: number, right: number, newId: number): number[] => {
    if (opts.fromRight) {
      const out: number[] = [];
      for (let i = ids.length - 1; i >= 0; i--) {
        if (ids[i] === right && i > 0 && ids[i - 1] === left) {
          out.unshift(newId);
          i--;
        } else out.unshift(ids[i]);
      }
      return out;
    }
    const out: number[] = [];
    let done = false;
    for (let i = 0; i < ids.length; i++) {
      if (!done && ids[i] === left && i + 1 < ids.length && ids[i + 1] === right) {
        out.push(newId);
        if (opts.skip !== false) i++;
        if (opts.firstOnly) done = true;
      } else out.push(ids[i]);
    }
    return out;
  };
}

/** The pieces of a text and the pair BPE would merge first in it. */
function fromText(t: string): () => Input {
  return () => {
    const [first] = trainBpe(t, { vocabSize: 257 }).merges;
    return { words: wordsOf(t), left: first.left, right: first.right };
  };
}

export default defineCheck<Impl, Input>({
  title: 'applying one merge',
  functions: ['mergePair'],
  reference: 'encode() of a BpeTokenizer from @xf/tokenizer that knows only this merge (id 256)',
  referenceImpl: {
    mergePair: (ids, left, right, newId) => {
      const ranks: [Uint8Array, number][] = Array.from({ length: 256 }, (_, b) => [
        Uint8Array.of(b),
        b,
      ]);
      ranks.push([Uint8Array.of(left, right), newId]);
      return BpeTokenizer.fromTiktokenRanks(ranks).encode(textOfIds(ids));
    },
  },
  tolerance: { atol: 0, rtol: 0 },
  seed: 6100,
  cases: [
    { label: 'short words: "hi hi ho"', make: fromText('hi hi ho') },
    { label: 'overlapping: "aaa aaaa aaaaa"', make: fromText('aaa aaaa aaaaa') },
    { label: 'several per word: "banana bandana"', make: fromText('banana bandana ananas') },
    { label: 'a sentence', make: fromText('the theme of the thesis is the theory') },
  ],
  run: (impl, { words, left, right }) => words.map((w) => impl.mergePair([...w], left, right, 256)),
  mistakes: [
    {
      id: 'no-skip',
      title: 'the right token is not skipped',
      explain:
        'After merging ids[i] and ids[i + 1] into one token, continue at i + 2: the right token is part of the new one.',
      impl: { mergePair: merger({ skip: false }) },
    },
    {
      id: 'first-only',
      title: 'only the first occurrence merged',
      explain: 'Replace every occurrence of the pair in the word, not just the first one.',
      impl: { mergePair: merger({ firstOnly: true }) },
    },
    {
      id: 'from-right',
      title: 'scanned from the right',
      explain:
        'With overlaps the direction matters: [97, 97, 97] must give [newId, 97], scanning left to right.',
      impl: { mergePair: merger({ fromRight: true }) },
    },
  ],
});
