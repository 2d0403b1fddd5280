import { type BpeParts, type BpeTokenizerJSON, bpeFromJSON, bpeToJSON } from './bpe-json.js';
import { bytePairMerge } from './byte-pair-merge.js';
import {
  type ByteString,
  byteStringToBytes,
  bytesToByteString,
  formatByte,
} from './byte-string.js';
import { parseJson } from './json-format.js';
import { compileSplitPattern, GPT2_SPLIT_PATTERN, splitPieces } from './pretokenize.js';
import {
  findSpecial,
  resolveSpecial,
  type SpecialTokenOptions,
  splitOnSpecial,
} from './special-tokens.js';
import type { TiktokenRanks } from './tiktoken-ranks.js';
import { type TrainBpeOptions, trainBpe } from './train-bpe.js';
import {
  type DecodeErrors,
  decodeUtf8,
  encodeUtf8,
  type LoneSurrogates,
  tryDecodeUtf8,
  wellFormed,
} from './utf8.js';

export interface BpeTokenizerOptions {
  /** Special tokens and their ids, which must lie outside the ordinary tokens' ids. */
  specialTokens?: Record<string, number>;
  /** Pre-tokenisation regex (flags `gu` are added). Default: GPT-2's. */
  pattern?: string;
}

export interface EncodeOptions extends SpecialTokenOptions {
  /** Lone surrogates have no UTF-8 form: throw (default) or encode them as U+FFFD like tiktoken. */
  loneSurrogates?: LoneSurrogates;
}

export interface DecodeOptions {
  /** Bytes that are not valid UTF-8 (a character cut between tokens): U+FFFD (default) or throw. */
  errors?: DecodeErrors;
}

// Enough for the distinct words of a book; cleared when full so memory stays bounded.
const CACHE_LIMIT = 100_000;

/**
 * A byte-level BPE tokenizer: text is cut into pieces by a regex, each piece's UTF-8 bytes are
 * merged into tokens by rank, and special tokens map to single ids. `tokens[id]` holds each
 * ordinary token's bytes; an id is also the token's merge priority (lower merges first), as in
 * tiktoken's rank tables, so GPT-2's table loads as is.
 */
export class BpeTokenizer {
  readonly pattern: string;
  private readonly regex: RegExp;
  private readonly tokens: ByteString[];
  private readonly ranks: Map<ByteString, number>;
  private readonly special: Map<string, number>;
  private readonly specialById: Map<number, string>;
  private readonly cache = new Map<string, number[]>();

  /** `tokens[id]` is the bytes of ordinary token `id`; they must include all 256 single bytes. */
  constructor(tokens: Uint8Array[], options: BpeTokenizerOptions = {}) {
    const where = 'BpeTokenizer';
    this.pattern = options.pattern ?? GPT2_SPLIT_PATTERN;
    this.regex = compileSplitPattern(this.pattern, where);

    if (!Array.isArray(tokens)) throw new Error(`${where}: tokens must be an array of Uint8Array`);
    this.tokens = [];
    this.ranks = new Map();
    tokens.forEach((bytes, id) => {
      if (!(bytes instanceof Uint8Array) || bytes.length === 0) {
        throw new Error(`${where}: token ${id} must be a non-empty Uint8Array`);
      }
      const key = bytesToByteString(bytes);
      const other = this.ranks.get(key);
      if (other !== undefined) {
        throw new Error(
          `${where}: tokens ${other} and ${id} have the same bytes [${Array.from(bytes)}]`,
        );
      }
      this.tokens.push(key);
      this.ranks.set(key, id);
    });
    for (let b = 0; b < 256; b++) {
      if (!this.ranks.has(String.fromCharCode(b))) {
        throw new Error(
          `${where}: no token for the single byte ${formatByte(b)}; every byte needs one so any text can be encoded`,
        );
      }
    }

    this.special = new Map();
    this.specialById = new Map();
    for (const [text, id] of Object.entries(options.specialTokens ?? {})) {
      if (text.length === 0)
        throw new Error(`${where}: a special token cannot be the empty string`);
      if (!Number.isInteger(id) || id < 0) {
        throw new Error(
          `${where}: special token '${text}' has id ${JSON.stringify(id)}; ids are integers >= 0`,
        );
      }
      if (id < this.tokens.length) {
        throw new Error(
          `${where}: special token '${text}' has id ${id}, which belongs to ordinary token ${id} (ids 0-${this.tokens.length - 1})`,
        );
      }
      const other = this.specialById.get(id);
      if (other !== undefined)
        throw new Error(`${where}: special tokens '${other}' and '${text}' share id ${id}`);
      this.special.set(text, id);
      this.specialById.set(id, text);
    }
  }

  /** Learns a tokenizer from `text`; see `trainBpe` for the rule. */
  static train(text: string, options: TrainBpeOptions): BpeTokenizer {
    const result = trainBpe(text, options);
    return new BpeTokenizer(result.tokens, {
      specialTokens: result.specialTokens,
      pattern: result.pattern,
    });
  }

  /**
   * Builds a tokenizer from a tiktoken mergeable-rank table (bytes → rank), for example GPT-2's.
   * Ranks become ids and must run 0..n-1 without gaps.
   */
  static fromTiktokenRanks(ranks: TiktokenRanks, options: BpeTokenizerOptions = {}): BpeTokenizer {
    const where = 'BpeTokenizer.fromTiktokenRanks';
    const tokens: Uint8Array[] = [];
    for (const entry of ranks) {
      const [bytes, rank] = entry;
      if (!(bytes instanceof Uint8Array) || !Number.isInteger(rank) || rank < 0) {
        throw new Error(
          `${where}: expected [Uint8Array, rank >= 0] entries, got rank ${JSON.stringify(rank)}`,
        );
      }
      if (tokens[rank] !== undefined) throw new Error(`${where}: rank ${rank} appears twice`);
      tokens[rank] = bytes;
    }
    for (let rank = 0; rank < tokens.length; rank++) {
      if (tokens[rank] === undefined) {
        throw new Error(
          `${where}: rank ${rank} is missing; ranks must run 0..${tokens.length - 1}`,
        );
      }
    }
    return new BpeTokenizer(tokens, options);
  }

  /** Rebuilds a tokenizer from `toJSON()`'s object, checking every field. */
  static fromJSON(json: unknown): BpeTokenizer {
    const where = 'BpeTokenizer.fromJSON';
    const parts = bpeFromJSON(json, where);
    try {
      return new BpeTokenizer(parts.tokens, parts);
    } catch (e) {
      throw new Error(`${where}: ${(e as Error).message.replace(/^BpeTokenizer: /, '')}`);
    }
  }

  /** Rebuilds a tokenizer from `save()`'s JSON text. */
  static load(json: string): BpeTokenizer {
    return BpeTokenizer.fromJSON(parseJson(json, 'BpeTokenizer.load'));
  }

  /** Number of ids: one past the largest ordinary or special id. */
  get vocabSize(): number {
    let size = this.tokens.length;
    for (const id of this.specialById.keys()) size = Math.max(size, id + 1);
    return size;
  }

  /** The special tokens and their ids. */
  get specialTokens(): Record<string, number> {
    return Object.fromEntries(this.special);
  }

  /**
   * Text to ids. Special tokens in the text become their ids (all of them by default; see
   * `allowedSpecial` / `disallowedSpecial`, which work as in tiktoken).
   */
  encode(text: string, options: EncodeOptions = {}): number[] {
    const where = 'BpeTokenizer.encode';
    if (typeof text !== 'string')
      throw new Error(`${where}: expected a string, got ${typeof text}`);
    const { allowed, disallowed } = resolveSpecial(this.special.keys(), options, where);
    if (disallowed.size > 0) {
      const found = findSpecial(text, disallowed);
      if (found !== undefined) {
        throw new Error(
          `${where}: the text contains the special token '${found.token}' at index ${found.index}, ` +
            'which is disallowed; allow it with allowedSpecial, or pass disallowedSpecial: [] to encode it as plain text',
        );
      }
    }
    const ids: number[] = [];
    for (const segment of splitOnSpecial(text, allowed)) {
      if (segment.special) ids.push(this.special.get(segment.text)!);
      else this.encodeText(wellFormed(segment.text, options.loneSurrogates ?? 'error', where), ids);
    }
    return ids;
  }

  /** Text to ids with special tokens treated as plain text, like tiktoken's `encode_ordinary`. */
  encodeOrdinary(text: string, options: Pick<EncodeOptions, 'loneSurrogates'> = {}): number[] {
    return this.encode(text, { ...options, allowedSpecial: 'none', disallowedSpecial: 'none' });
  }

  private encodeText(text: string, out: number[]): void {
    for (const piece of splitPieces(text, this.regex, 'BpeTokenizer.encode')) {
      let ids = this.cache.get(piece);
      if (ids === undefined) {
        const bytes = bytesToByteString(encodeUtf8(piece));
        const whole = this.ranks.get(bytes);
        ids = whole !== undefined ? [whole] : bytePairMerge(bytes, this.ranks);
        if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
        this.cache.set(piece, ids);
      }
      for (const id of ids) out.push(id);
    }
  }

  /** The bytes that `ids` stand for, concatenated. */
  decodeBytes(ids: ArrayLike<number>): Uint8Array {
    const parts: Uint8Array[] = [];
    let length = 0;
    for (let i = 0; i < ids.length; i++) {
      const bytes = this.idToBytes(ids[i]);
      if (bytes === undefined) {
        throw new Error(
          `BpeTokenizer.decode: id ${ids[i]} at position ${i} is not in the vocabulary (size ${this.vocabSize})`,
        );
      }
      parts.push(bytes);
      length += bytes.length;
    }
    const out = new Uint8Array(length);
    let offset = 0;
    for (const p of parts) {
      out.set(p, offset);
      offset += p.length;
    }
    return out;
  }

  /** Ids to text. Bytes that are not valid UTF-8 become U+FFFD unless `errors` is 'strict'. */
  decode(ids: ArrayLike<number>, options: DecodeOptions = {}): string {
    return decodeUtf8(this.decodeBytes(ids), options.errors ?? 'replace', 'BpeTokenizer.decode');
  }

  /** The id of a special token, or of the ordinary token with exactly these bytes (a string means its UTF-8). */
  tokenToId(token: string | Uint8Array): number | undefined {
    if (typeof token === 'string') {
      const special = this.special.get(token);
      if (special !== undefined) return special;
      token = encodeUtf8(token);
    }
    return this.ranks.get(bytesToByteString(token));
  }

  /**
   * The token's text: a special token's name, or an ordinary token's bytes as UTF-8. A token that
   * holds part of a character shows U+FFFD there; `idToBytes` gives the exact bytes.
   */
  idToToken(id: number): string | undefined {
    const special = this.specialById.get(id);
    if (special !== undefined) return special;
    const bytes = this.idToBytes(id);
    if (bytes === undefined) return undefined;
    return tryDecodeUtf8(bytes) ?? decodeUtf8(bytes, 'replace', 'BpeTokenizer.idToToken');
  }

  /** The bytes of token `id` (a special token's UTF-8), or undefined for an unknown id. */
  idToBytes(id: number): Uint8Array | undefined {
    const special = this.specialById.get(id);
    if (special !== undefined) return encodeUtf8(special);
    const key = Number.isInteger(id) ? this.tokens[id] : undefined;
    return key === undefined ? undefined : byteStringToBytes(key);
  }

  /** The saved form: plain JSON data (see BpeTokenizerJSON). */
  toJSON(): BpeTokenizerJSON {
    const parts: BpeParts = {
      tokens: this.tokens.map(byteStringToBytes),
      specialTokens: this.specialTokens,
      pattern: this.pattern,
    };
    return bpeToJSON(parts);
  }

  /** `toJSON()` as text, for a file or localStorage. */
  save(): string {
    return JSON.stringify(this.toJSON());
  }
}
