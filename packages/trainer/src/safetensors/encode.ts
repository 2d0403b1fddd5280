/** Writes tensors to safetensors bytes (layout in format.ts). */
import type { Tensor } from '@xf/tensor';
import {
  DTYPES,
  LITTLE_ENDIAN,
  METADATA_KEY,
  safetensorsDType,
  type TensorEntry,
} from './format.js';

/**
 * Serialises named tensors, in the given order, with optional string metadata. float32
 * tensors are written as F32, int32 as I32, bool as BOOL.
 */
export function encodeSafetensors(
  tensors: Record<string, Tensor>,
  metadata?: Record<string, string>,
): Uint8Array {
  const header: Record<string, TensorEntry | Record<string, string>> = {};
  if (metadata && Object.keys(metadata).length > 0) {
    for (const [k, v] of Object.entries(metadata)) {
      if (typeof v !== 'string') {
        throw new Error(`encodeSafetensors: metadata '${k}' must be a string, got ${typeof v}`);
      }
    }
    header[METADATA_KEY] = { ...metadata };
  }
  let offset = 0;
  const names = Object.keys(tensors);
  for (const name of names) {
    if (name === METADATA_KEY || name === '') {
      throw new Error(`encodeSafetensors: '${name}' cannot name a tensor`);
    }
    const t = tensors[name];
    const dtype = safetensorsDType(t.dtype);
    const size = t.numel() * DTYPES[dtype].bytes;
    header[name] = { dtype, shape: [...t.shape], data_offsets: [offset, offset + size] };
    offset += size;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerLength = Math.ceil(json.length / 8) * 8; // spaces pad the data start to 8 bytes
  const out = new Uint8Array(8 + headerLength + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerLength), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLength);
  let at = 8 + headerLength;
  for (const name of names) {
    const t = tensors[name];
    writeData(t, out, view, at);
    at += t.numel() * DTYPES[safetensorsDType(t.dtype)].bytes;
  }
  return out;
}

function writeData(t: Tensor, out: Uint8Array, view: DataView, at: number): void {
  const values = t.data;
  if (t.dtype === 'bool') {
    for (let i = 0; i < values.length; i++) {
      out[at + i] = values[i] !== 0 ? 1 : 0;
    }
  } else if (t.dtype === 'int32') {
    for (let i = 0; i < values.length; i++) {
      view.setInt32(at + 4 * i, values[i], true);
    }
  } else if (LITTLE_ENDIAN) {
    out.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), at);
  } else {
    for (let i = 0; i < values.length; i++) {
      view.setFloat32(at + 4 * i, values[i], true);
    }
  }
}
