/**
 * The safetensors layout (the format of Hugging Face's `safetensors` library):
 *
 *   [8 bytes]  N, the header length, unsigned 64-bit little-endian
 *   [N bytes]  a UTF-8 JSON object: for each tensor name { dtype, shape, data_offsets: [begin, end] },
 *              and optionally "__metadata__": { string: string }; padded with spaces so that
 *              8 + N is a multiple of 8
 *   [rest]     the tensors' bytes, little-endian, each at [begin, end) counted from the end of
 *              the header, packed with no gaps
 */
import type { DType } from '@xf/tensor';

export const METADATA_KEY = '__metadata__';

/** The reference reader refuses headers above 100 MB; so do we. */
export const MAX_HEADER_BYTES = 100_000_000;

/** The safetensors dtypes this package reads and writes, with their tensor dtype and byte size. */
export const DTYPES = {
  F32: { dtype: 'float32', bytes: 4 },
  I32: { dtype: 'int32', bytes: 4 },
  BOOL: { dtype: 'bool', bytes: 1 },
} as const satisfies Record<string, { dtype: DType; bytes: number }>;

export type SafetensorsDType = keyof typeof DTYPES;

export function safetensorsDType(dtype: DType): SafetensorsDType {
  return dtype === 'float32' ? 'F32' : dtype === 'int32' ? 'I32' : 'BOOL';
}

export interface TensorEntry {
  dtype: SafetensorsDType;
  shape: number[];
  data_offsets: [number, number];
}

/** Whether typed arrays on this machine are little-endian (they are almost everywhere). */
export const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
