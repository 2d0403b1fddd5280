/**
 * UTF-8 at the edges of the byte-level tokenizer. JS strings are UTF-16 and may hold lone
 * surrogates, which have no UTF-8 form; `TextEncoder` would silently turn them into U+FFFD, so
 * the tokenizer decides explicitly what happens to them.
 */

/** What `encode` does with a lone surrogate: throw (default), or replace it with U+FFFD as tiktoken does. */
export type LoneSurrogates = 'error' | 'replace';

/** What `decode` does with bytes that are not valid UTF-8: U+FFFD (default, as tiktoken) or throw. */
export type DecodeErrors = 'replace' | 'strict';

// With the `u` flag a surrogate pair is one code point, so this class only matches unpaired halves.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const LONE_SURROGATES = /[\uD800-\uDFFF]/gu;

const encoder = new TextEncoder();
// ignoreBOM keeps a leading U+FEFF: by default TextDecoder drops it, which would lose text.
const replacingDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Makes `text` valid for UTF-8, per `policy`; `where` names the caller in the error. */
export function wellFormed(text: string, policy: LoneSurrogates, where: string): string {
  const match = LONE_SURROGATE.exec(text);
  if (match === null) return text;
  if (policy === 'replace') return text.replace(LONE_SURROGATES, '\uFFFD');
  const code = text.charCodeAt(match.index).toString(16).toUpperCase();
  throw new Error(
    `${where}: lone surrogate U+${code} at index ${match.index} has no UTF-8 encoding; ` +
      `pass { loneSurrogates: 'replace' } to encode it as U+FFFD`,
  );
}

export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Bytes to text; `where` names the caller when `errors` is 'strict' and the bytes are invalid. */
export function decodeUtf8(bytes: Uint8Array, errors: DecodeErrors, where: string): string {
  if (errors === 'replace') return replacingDecoder.decode(bytes);
  try {
    return strictDecoder.decode(bytes);
  } catch {
    throw new Error(`${where}: the tokens' bytes are not valid UTF-8 (errors: 'strict')`);
  }
}

/** The text of `bytes` if they are valid UTF-8, else undefined. */
export function tryDecodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return undefined;
  }
}
