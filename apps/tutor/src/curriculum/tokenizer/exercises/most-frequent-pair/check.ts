import { trainBpe } from '@xf/tokenizer';
import { defineCheck } from '../../../../engine/types.js';
import { textOf, wordsOf } from '../../words.js';

type Pair = { left: number; right: number; count: number } | null;
type Impl = { mostFrequentPair: (words: number[][]) => Pair };
interface Input {
  words: number[][];
}

function counter(opts: {
  overlapping?: boolean;
  ties?: 'greater' | 'smaller' | 'first';
  distinct?: boolean;
}) {
  return (words: number[][]): Pair => {
    const counts = new Map<string, number>();
    const list = opts.distinct ? [...new Map(words.map((w) => [w.join(','), w])).values()] : words;
    for (const word of list) {
      for (let i = 0; i + 1 < word.length; i++) {
        const key = `${word[i]},${word[i + 1]}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
        if (
          opts.overlapping === false &&
          i + 2 < word.length &&
          word[i] === word[i + 1] &&
          word[i + 1] === word[i + 2]
        )
          i++;
      }
    }
    let best: Pair = null;
    for (const [key, count] of counts) {
      const [left, right] = key.split(',').map(Number);
      const tie = best !== null && count === best.count;
      const greater =
        best !== null && (left > best.left || (left === best.left && right > best.right));
      const ties = opts.ties ?? 'greater';
      const better =
        best === null ||
        count > best.count ||
        (tie && ties === 'greater' && greater) ||
        (tie && ties === 'smaller' && !greater);
      if (better) best = { left, right, count };
    }
    return best;
  };
}

const text = (t: string) => () => ({ words: wordsOf(t) });

export default defineCheck<Impl, Input>({
  title: 'the most frequent pair',
  functions: ['mostFrequentPair'],
  reference: 'the first merge of trainBpe(text, { vocabSize: 257 }) from @xf/tokenizer',
  referenceImpl: {
    mostFrequentPair: (words) => {
      const first = trainBpe(textOf(words), { vocabSize: 257 }).merges[0];
      return first ? { left: first.left, right: first.right, count: first.count } : null;
    },
  },
  tolerance: { atol: 0, rtol: 0 },
  seed: 6000,
  cases: [
    { label: 'one word: "hello"', make: text('hello') },
    { label: 'a single byte: no pair at all', make: text('a') },
    { label: 'a three-way tie: "ab ab ab cd cd cd"', make: text('ab ab ab cd cd cd') },
    { label: 'overlapping pairs: "aaaa aaaa"', make: text('aaaa aaaa') },
    { label: 'repeated words: "the cat the hat the bat"', make: text('the cat the hat the bat') },
    { label: 'a sentence', make: text('low lower lowest newer wider new new') },
  ],
  run: (impl, { words }) => impl.mostFrequentPair(words),
  mistakes: [
    {
      id: 'ties-smaller',
      title: 'ties broken towards the smaller pair',
      explain:
        'On equal counts trainBpe takes the greater pair: the larger left byte, then the larger right byte.',
      impl: { mostFrequentPair: counter({ ties: 'smaller' }) },
    },
    {
      id: 'non-overlapping',
      title: 'overlapping pairs counted once',
      explain:
        'In [97, 97, 97] the pair (97, 97) occurs at positions 0 and 1: count both. Slide i by one, not by two.',
      impl: { mostFrequentPair: counter({ overlapping: false }) },
    },
    {
      id: 'distinct-words',
      title: 'each distinct word counted once',
      explain:
        'A word that occurs five times contributes its pairs five times: the counts are over the whole text. ' +
        'Do not remove repeated words (or, if you do, weight each by how often it occurs).',
      impl: { mostFrequentPair: counter({ distinct: true }) },
    },
  ],
});
