import { checkHeader, describe } from './json-format.js';
import { encodeUtf8, tryDecodeUtf8 } from './utf8.js';

export const BPE_FORMAT = 'xf-bpe-tokenizer';
export const BPE_FORMAT_VERSION = 1;

/**
 * The saved form of a BpeTokenizer. `tokens[id]` is the token's bytes: a string when they are
 * valid UTF-8 (readable), else the list of byte values. Token order is merge priority.
 */
export interface BpeTokenizerJSON {
  format: typeof BPE_FORMAT;
  version: typeof BPE_FORMAT_VERSION;
  pattern: string;
  specialTokens: Record<string, number>;
  tokens: Array<string | number[]>;
}

export interface BpeParts {
  tokens: Uint8Array[];
  specialTokens: Record<string, number>;
  pattern: string;
}

function tokenToJSON(bytes: Uint8Array): string | number[] {
  const text = tryDecodeUtf8(bytes);
  return text !== undefined ? text : Array.from(bytes);
}

function tokenFromJSON(value: unknown, id: number, where: string): Uint8Array {
  if (typeof value === 'string' && value.length > 0) return encodeUtf8(value);
  if (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)
  ) {
    return Uint8Array.from(value as number[]);
  }
  throw new Error(
    `${where}: tokens[${id}] must be a non-empty string or a list of byte values 0-255, got ${describe(value)}`,
  );
}

export function bpeToJSON(parts: BpeParts): BpeTokenizerJSON {
  return {
    format: BPE_FORMAT,
    version: BPE_FORMAT_VERSION,
    pattern: parts.pattern,
    specialTokens: { ...parts.specialTokens },
    tokens: parts.tokens.map(tokenToJSON),
  };
}

/** Reads the fields of a saved tokenizer; the BpeTokenizer constructor checks they fit together. */
export function bpeFromJSON(value: unknown, where: string): BpeParts {
  const obj = checkHeader(value, BPE_FORMAT, BPE_FORMAT_VERSION, where);
  if (typeof obj.pattern !== 'string') {
    throw new Error(`${where}: 'pattern' must be a string, got ${describe(obj.pattern)}`);
  }
  if (!Array.isArray(obj.tokens)) {
    throw new Error(`${where}: 'tokens' must be an array, got ${describe(obj.tokens)}`);
  }
  const special = obj.specialTokens;
  if (typeof special !== 'object' || special === null || Array.isArray(special)) {
    throw new Error(`${where}: 'specialTokens' must be an object, got ${describe(special)}`);
  }
  return {
    pattern: obj.pattern,
    tokens: obj.tokens.map((t, id) => tokenFromJSON(t, id, where)),
    specialTokens: special as Record<string, number>,
  };
}
