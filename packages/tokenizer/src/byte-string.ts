/**
 * A "byte string" is a JS string whose every char code is one byte (0–255). BPE works on bytes,
 * but strings make cheap Map keys and compare byte-wise with `<`, so the tokenizers keep token
 * bytes in this form internally.
 */
export type ByteString = string;

export function bytesToByteString(bytes: Uint8Array): ByteString {
  let s = '';
  // Chunked so very long inputs stay within the engine's argument limit.
  for (let i = 0; i < bytes.length; i += 8192) {
    s += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + 8192)));
  }
  return s;
}

export function byteStringToBytes(s: ByteString): Uint8Array {
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}

/** Lexicographic order of byte sequences: -1, 0 or 1. Char codes are bytes, so `<` is exact. */
export function compareByteStrings(a: ByteString, b: ByteString): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `0x41`: how error messages name a byte. */
export function formatByte(byte: number): string {
  return `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}
