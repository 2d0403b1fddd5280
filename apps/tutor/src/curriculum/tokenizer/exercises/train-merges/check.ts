import { trainBpe } from '@xf/tokenizer';
import { defineCheck } from '../../../../engine/types.js';
import { textOf, wordsOf } from '../../words.js';

type Merge = { left: number; right: number; id: number };
type Impl = { trainMerges: (words: number[][], numMerges: number) => Merge[] };
interface Input {
  words: number[][];
  numMerges: number;
}

function compareBytes(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** BPE training by recounting, with a knob per classic slip. */
function trainer(opts: { recount?: boolean; tiesById?: boolean }) {
  return (words: number[][], numMerges: number): Merge[] => {
    const bytes: number[][] = Array.from({ length: 256 }, (_, b) => [b]);
    let current = words.map((w) => [...w]);
    const merges: Merge[] = [];
    let counts = new Map<string, number>();
    for (let step = 0; step < numMerges; step++) {
      if (step === 0 || opts.recount !== false) {
        counts = new Map();
        for (const w of current) {
          for (let i = 0; i + 1 < w.length; i++) {
            const key = `${w[i]},${w[i + 1]}`;
            counts.set(key, (counts.get(key) ?? 0) + 1);
          }
        }
      }
      let best: { left: number; right: number; count: number } | null = null;
      for (const [key, count] of counts) {
        const [left, right] = key.split(',').map(Number);
        const tie = opts.tiesById
          ? left - (best?.left ?? 0) || right - (best?.right ?? 0)
          : best &&
            (compareBytes(bytes[left], bytes[best.left]) ||
              compareBytes(bytes[right], bytes[best.right]));
        const order = best === null ? 1 : count - best.count || (tie as number);
        if (order > 0) best = { left, right, count };
      }
      if (best === null) break;
      const id = bytes.length;
      bytes.push([...bytes[best.left], ...bytes[best.right]]);
      merges.push({ left: best.left, right: best.right, id });
      counts.delete(`${best.left},${best.right}`);
      const { left, right } = best;
      current = current.map((w) => {
        const out: number[] = [];
        for (let i = 0; i < w.length; i++) {
          if (w[i] === left && i + 1 < w.length && w[i + 1] === right) {
            out.push(id);
            i++;
          } else out.push(w[i]);
        }
        return out;
      });
    }
    return merges;
  };
}

const text = (t: string, numMerges: number) => () => ({ words: wordsOf(t), numMerges });

export default defineCheck<Impl, Input>({
  title: 'training a handful of merges',
  functions: ['trainMerges'],
  reference: 'trainBpe(text, { vocabSize: 256 + numMerges }).merges from @xf/tokenizer',
  referenceImpl: {
    trainMerges: (words, numMerges) =>
      trainBpe(textOf(words), { vocabSize: 256 + numMerges }).merges.map(({ left, right, id }) => ({
        left,
        right,
        id,
      })),
  },
  tolerance: { atol: 0, rtol: 0 },
  seed: 6200,
  cases: [
    { label: 'one merge', make: text('hug pug pun bun hugs', 1) },
    { label: 'until no pair is left: "ab ab"', make: text('ab ab', 5) },
    { label: 'a tie between merged tokens', make: text('hug pug pun bun hugs hug pug', 6) },
    {
      label: 'a sentence, 12 merges',
      make: text('the cat sat on the mat. the cat ate the rat. the rat sat.', 12),
    },
  ],
  run: (impl, { words, numMerges }) => impl.trainMerges(words, numMerges),
  mistakes: [
    {
      id: 'stale-counts',
      title: 'pair counts not recounted after a merge',
      explain:
        'A merge changes the words, so it changes the pair counts: the merged pair disappears and new pairs with the new ' +
        'token appear. Recount (or update the counts) before choosing the next pair.',
      impl: { trainMerges: trainer({ recount: false }) },
    },
    {
      id: 'ties-by-id',
      title: 'ties compared by id, not by bytes',
      explain:
        'Once tokens above 255 exist, a larger id does not mean larger bytes. trainBpe breaks ties by the tokens’ bytes: ' +
        'keep bytes[id] for every token and compare those.',
      impl: { trainMerges: trainer({ tiesById: true }) },
    },
  ],
});
