/**
 * tokenizer · 2 · applying a merge
 *
 * The "merge" half of a BPE step: in one word, replace every occurrence of the pair
 * (left, right) by the new token id, scanning left to right.
 *
 *   ids     number[]      one word's tokens        left, right   the pair     newId   its token
 *   →  number[]           a new array; ids itself unchanged
 *
 * Left to right matters when occurrences overlap: merging (97, 97) in [97, 97, 97] gives
 * [newId, 97], not [97, newId] and not [newId, newId].
 */

export function mergePair(ids: number[], left: number, right: number, newId: number): number[] {
  throw new Error('TODO: replace each (left, right), left to right, by newId');
}
