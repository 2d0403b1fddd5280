/** Standard base64 (RFC 4648, with padding) to bytes, without Node's Buffer so it runs anywhere. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i]));

/** Decodes `text`; returns undefined when it is not valid padded base64. */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0) return undefined;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    // Four 6-bit digits make three bytes; '=' may only pad the end.
    let bits = 0;
    for (let j = 0; j < 4; j++) {
      const v = i + j >= text.length - padding ? 0 : VALUE.get(text[i + j]);
      if (v === undefined) return undefined;
      bits = (bits << 6) | v;
    }
    for (const b of [(bits >> 16) & 0xff, (bits >> 8) & 0xff, bits & 0xff]) {
      if (o < bytes.length) bytes[o++] = b;
    }
  }
  return bytes;
}
