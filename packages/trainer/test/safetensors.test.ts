import { Tensor, tensor } from '@xf/tensor';
import { describe, expect, it } from 'vitest';
import { CheckpointError, decodeSafetensors, encodeSafetensors } from '../src/index.js';

/** Builds a safetensors file from a header object and raw data, for malformed cases. */
function handMade(header: unknown, data: number[] = [], headerText?: string): Uint8Array {
  const json = new TextEncoder().encode(headerText ?? JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

const f32 = (shape: number[], begin: number) => ({
  dtype: 'F32',
  shape,
  data_offsets: [begin, begin + 4 * shape.reduce((a, b) => a * b, 1)],
});

describe('safetensors', () => {
  it('round-trips F32, I32 and BOOL tensors of any shape, with metadata', () => {
    const tensors = {
      'h.0.w': tensor([
        [1.5, -2, 3e-8],
        [3.4e38, -0, 7],
      ]),
      scalar: tensor(42.25),
      empty: new Tensor(new Float32Array(0), [0, 3]),
      ids: tensor([1, -7, 16777216], { dtype: 'int32' }),
      mask: tensor([true, false, true]),
    };
    const bytes = encodeSafetensors(tensors, { format: 'pt', note: 'é' });
    const { tensors: back, metadata } = decodeSafetensors(bytes);
    expect(metadata).toEqual({ format: 'pt', note: 'é' });
    expect(Object.keys(back)).toEqual(Object.keys(tensors));
    for (const [name, t] of Object.entries(tensors)) {
      expect(back[name].shape).toEqual(t.shape);
      expect(back[name].dtype).toBe(t.dtype);
      expect(Array.from(back[name].data)).toEqual(Array.from(t.data));
    }
  });

  it('writes the layout of the format byte for byte', () => {
    const bytes = encodeSafetensors({ a: tensor([1, -2]), b: tensor([[0.5]]) });
    const header =
      '{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1,1],"data_offsets":[8,12]}}';
    const padded = Math.ceil(header.length / 8) * 8;
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    // 8-byte little-endian header length, then the JSON padded with spaces to a multiple of 8
    expect(view.getBigUint64(0, true)).toBe(BigInt(padded));
    expect((8 + padded) % 8).toBe(0);
    expect(new TextDecoder().decode(bytes.subarray(8, 8 + header.length))).toBe(header);
    expect(Array.from(bytes.subarray(8 + header.length, 8 + padded))).toEqual(
      new Array(padded - header.length).fill(0x20),
    );
    // then the data: 1 = 0x3f800000, -2 = 0xc0000000, 0.5 = 0x3f000000, little-endian, packed
    expect(Array.from(bytes.subarray(8 + padded))).toEqual([
      0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0, 0, 0, 0, 0x3f,
    ]);
    expect(bytes.length).toBe(8 + padded + 12);
  });

  it('pads a header whose length is not a multiple of 8', () => {
    const bytes = encodeSafetensors({ x: tensor([1]) });
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    const json = '{"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}'; // 54 bytes
    expect(json.length % 8).not.toBe(0);
    expect(n).toBe(56);
    expect(new TextDecoder().decode(bytes.subarray(8, 8 + n))).toBe(`${json}  `);
  });

  it('reads a file whose data does not start 4-byte aligned in memory', () => {
    const bytes = encodeSafetensors({ a: tensor([1, 2, 3]) });
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expect(Array.from(decodeSafetensors(shifted.subarray(1)).tensors.a.data)).toEqual([1, 2, 3]);
  });

  describe('refuses malformed files with the file name and the problem', () => {
    const good = encodeSafetensors({ w: tensor([1, 2, 3, 4]) });
    const refuse = (bytes: Uint8Array, message: string) => {
      let error: unknown;
      try {
        decodeSafetensors(bytes, { fileName: 'model.safetensors' });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CheckpointError);
      expect((error as CheckpointError).file).toBe('model.safetensors');
      expect((error as Error).message).toMatch(/^model\.safetensors: /);
      expect((error as Error).message).toContain(message);
    };

    it('too short, truncated, or an absurd header length', () => {
      refuse(
        good.subarray(0, 5),
        'the file is 5 bytes, too short to hold the 8-byte header length',
      );
      refuse(good.subarray(0, 30), 'runs past the end of the file (30 bytes)');
      const huge = good.slice();
      huge[7] = 0x7f; // the top byte of the length
      refuse(huge, 'is over the 100000000-byte limit');
      refuse(
        good.subarray(0, good.length - 2),
        "tensor 'w' has data_offsets [0, 16] past the end of the data (14 bytes)",
      );
    });

    it('a flipped header byte', () => {
      const flipped = good.slice();
      flipped[8] ^= 0xff; // the opening brace
      refuse(flipped, 'the header is not valid UTF-8');
      const brace = good.slice();
      brace[8] = 0x5b; // '[' instead of '{'
      refuse(brace, 'the header does not start with a JSON object');
      const quote = good.slice();
      quote[9] = 0x7b; // '{' where the first key's quote was
      refuse(quote, 'the header is not valid JSON');
    });

    it('bad entries', () => {
      refuse(
        handMade({ w: { dtype: 'F16', shape: [2], data_offsets: [0, 4] } }, [0, 0, 0, 0]),
        'tensor \'w\' has dtype "F16"',
      );
      refuse(
        handMade({ w: { dtype: 'F32', shape: [2, -1], data_offsets: [0, 4] } }),
        "tensor 'w' has an invalid shape",
      );
      refuse(
        handMade({ w: { dtype: 'F32', shape: [2], data_offsets: [0] } }),
        "tensor 'w' has invalid data_offsets",
      );
      refuse(
        handMade({ w: { dtype: 'F32', shape: [2], data_offsets: [0, 4] } }, [0, 0, 0, 0]),
        'needs 8 bytes, but its data_offsets [0, 4] hold 4',
      );
      refuse(handMade({ __metadata__: { n: 1 } }), "__metadata__ entry 'n' is not a string");
    });

    it('gaps, overlaps and trailing bytes', () => {
      const data = new Array(16).fill(0);
      refuse(
        handMade({ a: f32([1], 0), b: f32([2], 8) }, data.slice(0, 16)),
        "tensor 'b' starts at byte 8, leaving a gap after byte 4",
      );
      refuse(
        handMade({ a: f32([2], 0), b: f32([2], 4) }, data.slice(0, 12)),
        "tensor 'b' starts at byte 4, overlapping the tensor that ends at byte 8",
      );
      refuse(
        handMade({ a: f32([1], 0) }, data.slice(0, 8)),
        'the tensors cover 4 bytes but the data section has 8',
      );
    });
  });
});
