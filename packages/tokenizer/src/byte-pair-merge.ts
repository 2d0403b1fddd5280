import type { ByteString } from './byte-string.js';
import { Heap } from './heap.js';

/**
 * Encodes one pre-tokenised piece (as a byte string) with a rank table: start from single bytes
 * and, while some adjacent pair of parts joins into a known token, merge the pair whose joined
 * bytes have the lowest rank (the leftmost such pair on a tie). Ranks are token ids, and a lower
 * id was learned earlier, so this replays training's merges in order. Same rule as tiktoken.
 */
export function bytePairMerge(piece: ByteString, ranks: ReadonlyMap<ByteString, number>): number[] {
  // Words are short and a scan is fastest; a long piece (a run of spaces, a line of minified
  // code) would make the scan quadratic, so it goes through the heap.
  return piece.length <= LONG_PIECE ? mergeByScan(piece, ranks) : mergeByHeap(piece, ranks);
}

const LONG_PIECE = 128;

/** The bytes from `starts[i]` to `starts[i + 1]` of each part, as ids. */
function partIds(
  piece: ByteString,
  starts: number[],
  ranks: ReadonlyMap<ByteString, number>,
): number[] {
  const ids: number[] = [];
  for (let i = 0; i + 1 < starts.length; i++) {
    const id = ranks.get(piece.slice(starts[i], starts[i + 1]));
    // Unreachable for a validated vocabulary, which holds every single byte.
    if (id === undefined) throw new Error('bytePairMerge: a single byte has no token');
    ids.push(id);
  }
  return ids;
}

/** The rule as written: find the lowest-ranked pair by scanning, merge it, repeat. */
export function mergeByScan(piece: ByteString, ranks: ReadonlyMap<ByteString, number>): number[] {
  // Parts are piece.slice(starts[i], starts[i + 1]); starts ends with piece.length.
  const starts: number[] = [];
  for (let i = 0; i <= piece.length; i++) starts.push(i);

  // pairRank[i]: rank of parts i and i+1 joined, or Infinity when that is not a token.
  const rankOfPair = (i: number): number =>
    ranks.get(piece.slice(starts[i], starts[i + 2])) ?? Number.POSITIVE_INFINITY;
  const pairRank: number[] = [];
  for (let i = 0; i + 2 < starts.length; i++) pairRank.push(rankOfPair(i));

  while (pairRank.length > 0) {
    let best = 0;
    for (let i = 1; i < pairRank.length; i++) if (pairRank[i] < pairRank[best]) best = i;
    if (pairRank[best] === Number.POSITIVE_INFINITY) break;
    // Merge parts best and best+1: drop the boundary between them and the pair they formed, then
    // re-rank the two pairs that now include the merged part.
    starts.splice(best + 1, 1);
    pairRank.splice(best, 1);
    if (best < pairRank.length) pairRank[best] = rankOfPair(best);
    if (best > 0) pairRank[best - 1] = rankOfPair(best - 1);
  }
  return partIds(piece, starts, ranks);
}

interface PairEntry {
  rank: number;
  left: number; // start of the left part
  right: number; // start of the right part
  end: number; // end of the right part
}

/**
 * The same rule in O(n log n): parts form a linked list (each named by its start offset), and a
 * heap holds every adjacent pair that joins into a token, lowest rank then leftmost first. A
 * merge changes only the two pairs around it; entries for pairs that no longer exist are skipped.
 */
export function mergeByHeap(piece: ByteString, ranks: ReadonlyMap<ByteString, number>): number[] {
  const n = piece.length;
  // next[s] / prev[s]: start of the following / preceding part (n / -1 at the ends).
  const next = Int32Array.from({ length: n }, (_, s) => s + 1);
  const prev = Int32Array.from({ length: n }, (_, s) => s - 1);
  const alive = new Uint8Array(n).fill(1);
  const heap = new Heap<PairEntry>(
    (a, b) => a.rank < b.rank || (a.rank === b.rank && a.left < b.left),
  );

  const offer = (left: number): void => {
    if (left < 0) return;
    const right = next[left];
    if (right >= n) return;
    const end = next[right];
    const rank = ranks.get(piece.slice(left, end));
    if (rank !== undefined) heap.push({ rank, left, right, end });
  };
  for (let s = 0; s + 1 < n; s++) offer(s);

  for (let e = heap.pop(); e !== undefined; e = heap.pop()) {
    const current = alive[e.left] === 1 && next[e.left] === e.right && next[e.right] === e.end;
    if (!current) continue;
    alive[e.right] = 0;
    next[e.left] = e.end;
    if (e.end < n) prev[e.end] = e.left;
    offer(prev[e.left]);
    offer(e.left);
  }

  const starts: number[] = [];
  for (let s = 0; s < n; s = next[s]) starts.push(s);
  starts.push(n);
  return partIds(piece, starts, ranks);
}
