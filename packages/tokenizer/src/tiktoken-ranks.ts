import { decodeBase64 } from './base64.js';

/** A mergeable-rank table as tiktoken keeps it: each token's bytes with its rank (= its id). */
export type TiktokenRanks = Iterable<readonly [Uint8Array, number]>;

/**
 * Parses the `.tiktoken` text format (one `base64-bytes rank` pair per line, as in the files
 * tiktoken loads for `gpt2`, `cl100k_base`, ...). The file itself is the caller's to fetch.
 */
export function parseTiktokenRanks(text: string): Array<[Uint8Array, number]> {
  const ranks: Array<[Uint8Array, number]> = [];
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const fields = line.split(' ');
    const bytes = fields.length === 2 ? decodeBase64(fields[0]) : undefined;
    const rank = fields.length === 2 ? Number(fields[1]) : Number.NaN;
    if (bytes === undefined || bytes.length === 0 || !Number.isInteger(rank) || rank < 0) {
      throw new Error(
        `parseTiktokenRanks: line ${i + 1} is not 'base64-bytes rank': ${JSON.stringify(line.slice(0, 60))}`,
      );
    }
    ranks.push([bytes, rank]);
  });
  return ranks;
}
