/**
 * tokenizer · 1 · the most frequent pair
 *
 * BPE training repeats one step: find the pair of adjacent tokens that occurs most often and
 * merge it into a new token. This exercise is the "find" half.
 *
 * The text has already been cut into pieces ("words", GPT-2's split: " the", " cat", …) and each
 * piece written as its UTF-8 bytes, one entry per occurrence. Pairs never cross two words.
 *
 *   words  number[][]     e.g. [[104, 105], [32, 104, 105]] for "hi hi"
 *   →  { left, right, count } for the most frequent adjacent pair, or null when there is none
 *
 * Rules, as @xf/tokenizer's trainBpe has them:
 *   - overlapping occurrences count: [97, 97, 97] holds the pair (97, 97) twice;
 *   - a tie goes to the greater pair: the larger left byte, then the larger right byte.
 */

export function mostFrequentPair(
  words: number[][],
): { left: number; right: number; count: number } | null {
  throw new Error('TODO: count adjacent pairs inside each word, return the most frequent');
}
