/**
 * tokenizer · 3 · training: many merges
 *
 * Put exercises 1 and 2 together. Repeat numMerges times: find the most frequent pair (the
 * same counting and tie rules), give it the next id (256, 257, …), and merge it in every word.
 *
 *   words  number[][]   byte ids of each piece, one entry per occurrence
 *   →  the merges in order: [{ left, right, id }, …]   (stop early when no pair is left)
 *
 * One catch: after merging, a pair contains tokens above 255, and ties compare the tokens'
 * *bytes*, not their ids. Keep each token's bytes (token 256 = bytes of left + bytes of right)
 * and compare those: the larger left token's bytes first, then the right's (as strings compare).
 *
 * You may import your own functions from './01-most-frequent-pair.js' and './02-merge-pair.js'.
 */

export function trainMerges(
  words: number[][],
  numMerges: number,
): { left: number; right: number; id: number }[] {
  throw new Error('TODO: count, pick, merge, numMerges times');
}
