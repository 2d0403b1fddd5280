import { gunzipSync } from 'node:zlib';

const BLOCK = 512;

function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString('utf8');
}

/** The `path` record of a pax extended header, if it has one. */
function paxPath(body: Buffer): string | undefined {
  for (const record of body.toString('utf8').split('\n')) {
    const match = /^\d+ path=(.*)$/.exec(record);
    if (match) return match[1];
  }
  return undefined;
}

/**
 * Reads the regular files of a .tgz as npm packs it (ustar, with the GNU and pax long-name
 * extensions), keyed by their path inside the archive (`package/package.json`).
 */
export function readTarball(gzipped: Buffer): Map<string, Buffer> {
  const tar = gunzipSync(gzipped);
  const files = new Map<string, Buffer>();
  let nextName: string | undefined;
  let offset = 0;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    const name = field(header, 0, 100);
    const size = Number.parseInt(field(header, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] ?? 0);
    const prefix = field(header, 345, 155);
    const body = tar.subarray(offset + BLOCK, offset + BLOCK + size);
    if (type === 'L') {
      nextName = field(body, 0, body.length);
    } else if (type === 'x') {
      nextName = paxPath(body) ?? nextName;
    } else {
      const path = nextName ?? (prefix ? `${prefix}/${name}` : name);
      if (type === '0' || type === '\0') files.set(path, Buffer.from(body));
      nextName = undefined;
    }
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
  return files;
}
