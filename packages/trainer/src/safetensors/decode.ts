/**
 * Reads safetensors bytes (layout in format.ts), checking everything the reference reader
 * checks: the header length fits the file, the header is a JSON object, every entry has a
 * known dtype, a valid shape, and offsets that match its size, lie inside the data and
 * cover it with no gaps or overlaps. Anything else is a CheckpointError naming the file.
 */
import { numel, Tensor } from '@xf/tensor';
import { CheckpointError } from '../checkpoint/errors.js';
import {
  DTYPES,
  LITTLE_ENDIAN,
  MAX_HEADER_BYTES,
  METADATA_KEY,
  type SafetensorsDType,
} from './format.js';

export interface Safetensors {
  tensors: Record<string, Tensor>;
  metadata: Record<string, string>;
}

export interface DecodeSafetensorsOptions {
  /** Names the file in error messages (default 'safetensors'). */
  fileName?: string;
}

export function decodeSafetensors(
  bytes: Uint8Array,
  options: DecodeSafetensorsOptions = {},
): Safetensors {
  const file = options.fileName ?? 'safetensors';
  const fail = (reason: string): never => {
    throw new CheckpointError(file, reason);
  };
  if (!(bytes instanceof Uint8Array)) {
    fail('expected the file contents as a Uint8Array');
  }
  if (bytes.length < 8) {
    fail(`the file is ${bytes.length} bytes, too short to hold the 8-byte header length`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const declared = view.getBigUint64(0, true);
  if (declared > BigInt(MAX_HEADER_BYTES)) {
    fail(
      `the header length ${declared} is over the ${MAX_HEADER_BYTES}-byte limit; not a safetensors file, or corrupted`,
    );
  }
  const headerLength = Number(declared);
  if (8 + headerLength > bytes.length) {
    fail(
      `the header length ${headerLength} runs past the end of the file (${bytes.length} bytes); the file is truncated or corrupted`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLength));
  } catch {
    return fail('the header is not valid UTF-8');
  }
  if (!text.startsWith('{')) {
    fail('the header does not start with a JSON object');
  }
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (e) {
    return fail(`the header is not valid JSON (${(e as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    fail('the header is not a JSON object');
  }

  const data = bytes.subarray(8 + headerLength);
  const metadata: Record<string, string> = {};
  const entries: {
    name: string;
    dtype: SafetensorsDType;
    shape: number[];
    begin: number;
    end: number;
  }[] = [];
  for (const [name, raw] of Object.entries(header as Record<string, unknown>)) {
    if (name === METADATA_KEY) {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        fail(`${METADATA_KEY} must be an object of strings`);
      }
      for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
        if (typeof v !== 'string') {
          fail(`${METADATA_KEY} entry '${k}' is not a string`);
        }
        metadata[k] = v as string;
      }
      continue;
    }
    const entry = raw as Record<string, unknown>;
    if (typeof entry !== 'object' || entry === null) {
      fail(`tensor '${name}' has no {dtype, shape, data_offsets} entry`);
    }
    const { dtype, shape, data_offsets: offsets } = entry;
    if (typeof dtype !== 'string' || !(dtype in DTYPES)) {
      fail(
        `tensor '${name}' has dtype ${JSON.stringify(dtype)}; this reader supports ${Object.keys(DTYPES).join(', ')}`,
      );
    }
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
      fail(`tensor '${name}' has an invalid shape ${JSON.stringify(shape)}`);
    }
    if (
      !Array.isArray(offsets) ||
      offsets.length !== 2 ||
      !offsets.every((o) => Number.isSafeInteger(o) && o >= 0)
    ) {
      fail(`tensor '${name}' has invalid data_offsets ${JSON.stringify(offsets)}`);
    }
    const [begin, end] = offsets as number[];
    const size = numel(shape as number[]) * DTYPES[dtype as SafetensorsDType].bytes;
    if (end < begin) {
      fail(`tensor '${name}' has data_offsets [${begin}, ${end}] that end before they begin`);
    }
    if (end - begin !== size) {
      fail(
        `tensor '${name}' of dtype ${dtype} and shape [${(shape as number[]).join(', ')}] needs ${size} bytes, but its data_offsets [${begin}, ${end}] hold ${end - begin}`,
      );
    }
    if (end > data.length) {
      fail(
        `tensor '${name}' has data_offsets [${begin}, ${end}] past the end of the data (${data.length} bytes); the file is truncated or corrupted`,
      );
    }
    entries.push({ name, dtype: dtype as SafetensorsDType, shape: shape as number[], begin, end });
  }
  // the tensors must tile the data exactly, as the reference reader requires
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let covered = 0;
  for (const e of sorted) {
    if (e.begin !== covered) {
      fail(
        e.begin > covered
          ? `tensor '${e.name}' starts at byte ${e.begin}, leaving a gap after byte ${covered}`
          : `tensor '${e.name}' starts at byte ${e.begin}, overlapping the tensor that ends at byte ${covered}`,
      );
    }
    covered = e.end;
  }
  if (covered !== data.length) {
    fail(
      `the tensors cover ${covered} bytes but the data section has ${data.length}; the file is corrupted`,
    );
  }

  const tensors: Record<string, Tensor> = {};
  for (const e of entries) {
    tensors[e.name] = readTensor(data, e.dtype, e.shape, e.begin, (why) =>
      fail(`tensor '${e.name}': ${why}`),
    );
  }
  return { tensors, metadata };
}

function readTensor(
  data: Uint8Array,
  dtype: SafetensorsDType,
  shape: number[],
  begin: number,
  fail: (why: string) => never,
): Tensor {
  const n = numel(shape);
  const values = new Float32Array(n);
  const view = new DataView(data.buffer, data.byteOffset + begin, n * DTYPES[dtype].bytes);
  if (dtype === 'F32') {
    if (LITTLE_ENDIAN) {
      new Uint8Array(values.buffer).set(data.subarray(begin, begin + 4 * n));
    } else {
      for (let i = 0; i < n; i++) {
        values[i] = view.getFloat32(4 * i, true);
      }
    }
  } else if (dtype === 'I32') {
    for (let i = 0; i < n; i++) {
      const v = view.getInt32(4 * i, true);
      // tensors store values as float32, exact for integers up to 2^24 only
      if (Math.abs(v) > 2 ** 24) {
        fail(`I32 value ${v} at index ${i} does not fit a tensor exactly (|v| <= 2^24)`);
      }
      values[i] = v;
    }
  } else {
    for (let i = 0; i < n; i++) {
      values[i] = data[begin + i] !== 0 ? 1 : 0;
    }
  }
  return new Tensor(values, shape, DTYPES[dtype].dtype);
}
