import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, broadcastShapes, expand, reshape, sum, tensor, testing } from '../src/index.js';
import { broadcastStrides, collapseDims, numel, stridesOf } from '../src/shape.js';

const dim = fc.integer({ min: 1, max: 4 });
const shapeArb = fc.array(dim, { minLength: 0, maxLength: 4 });

/** Two shapes that broadcast: start from one, and replace some dims of a suffix by 1. */
const compatiblePair = shapeArb.chain((out) =>
  fc.tuple(
    fc.constant(out),
    fc
      .integer({ min: 0, max: out.length })
      .chain((drop) =>
        fc
          .array(fc.boolean(), { minLength: out.length - drop, maxLength: out.length - drop })
          .map((ones) => out.slice(drop).map((d, i) => (ones[i] ? 1 : d))),
      ),
  ),
);

function indexBroadcast(
  values: Float32Array,
  shape: number[],
  outShape: number[],
  outIndex: number[],
): number {
  const lead = outShape.length - shape.length;
  let flat = 0;
  const strides = stridesOf(shape);
  shape.forEach((d, i) => {
    flat += (d === 1 ? 0 : outIndex[i + lead]) * strides[i];
  });
  return values[flat];
}

describe('broadcasting rules', () => {
  it('is symmetric and gives the larger rank', () => {
    fc.assert(
      fc.property(compatiblePair, ([a, b]) => {
        const ab = broadcastShapes('t', a, b);
        expect(broadcastShapes('t', b, a)).toEqual(ab);
        expect(ab.length).toBe(Math.max(a.length, b.length));
        expect(ab).toEqual(a); // a is the full shape by construction
      }),
    );
  });

  it('makes each output dim the non-1 size of the inputs', () => {
    fc.assert(
      fc.property(shapeArb, shapeArb, (a, b) => {
        let expected: number[] | null = [];
        const rank = Math.max(a.length, b.length);
        for (let i = 0; i < rank; i++) {
          const da = a[a.length - rank + i] ?? 1;
          const db = b[b.length - rank + i] ?? 1;
          if (da !== db && da !== 1 && db !== 1) {
            expected = null;
            break;
          }
          expected.push(Math.max(da, db));
        }
        if (expected === null)
          expect(() => broadcastShapes('add', a, b)).toThrow(/add: shapes .* cannot be broadcast/);
        else expect(broadcastShapes('add', a, b)).toEqual(expected);
      }),
    );
  });

  it('add(a, b) equals the elementwise sum read through broadcast indices', () => {
    fc.assert(
      fc.property(compatiblePair, fc.boolean(), ([outShape, small], swap) => {
        const a = tensor(
          Float32Array.from({ length: numel(outShape) }, (_, i) => i * 0.5),
          outShape,
        );
        const b = tensor(
          Float32Array.from({ length: numel(small) }, (_, i) => 100 + i),
          small,
        );
        const out = swap ? add(b, a) : add(a, b);
        expect(out.shape).toEqual(outShape);
        const strides = stridesOf(outShape);
        for (let flat = 0; flat < out.numel(); flat++) {
          const index = strides.map((s, d) => Math.floor(flat / s) % outShape[d]);
          const expected = a.data[flat] + indexBroadcast(b.data, small, outShape, index);
          expect(out.data[flat]).toBe(expected);
        }
      }),
    );
  });

  it('the gradient of a broadcast operand sums over the broadcast dims', () => {
    fc.assert(
      fc.property(compatiblePair, ([outShape, small]) => {
        const b = tensor(new Float32Array(numel(small)).fill(1), small, { requiresGrad: true });
        const a = tensor(new Float32Array(numel(outShape)).fill(2), outShape);
        sum(add(a, b)).backward();
        const copies = numel(outShape) / numel(small);
        expect(Array.from(b.grad!.data)).toEqual(new Array(numel(small)).fill(copies));
      }),
    );
  });

  it('expand reads the same values as broadcasting against zeros', () => {
    fc.assert(
      fc.property(compatiblePair, ([outShape, small]) => {
        const b = tensor(
          Float32Array.from({ length: numel(small) }, (_, i) => i),
          small,
        );
        testing.assertClose(
          expand(b, outShape),
          add(b, tensor(new Float32Array(numel(outShape)), outShape)),
        );
      }),
    );
  });

  it('collapsing dims keeps every operand offset', () => {
    fc.assert(
      fc.property(compatiblePair, ([outShape, small]) => {
        const strides = [stridesOf(outShape), broadcastStrides(small, outShape)];
        const loop = collapseDims(outShape, strides);
        expect(numel(loop.shape)).toBe(numel(outShape));
        // walk both loops and compare offsets
        const walk = (shape: number[], s: number[][]): number[][] => {
          const out: number[][] = [];
          const n = numel(shape);
          const st = stridesOf(shape);
          for (let flat = 0; flat < n; flat++) {
            const idx = st.map((x, d) => Math.floor(flat / x) % shape[d]);
            out.push(s.map((ss) => idx.reduce((acc, i, d) => acc + i * ss[d], 0)));
          }
          return out;
        };
        expect(walk(loop.shape, loop.strides)).toEqual(walk([...outShape], strides));
      }),
    );
  });
});

describe('reshape', () => {
  it('round-trips any compatible shape and infers -1', () => {
    fc.assert(
      fc.property(shapeArb, (shape) => {
        const n = numel(shape);
        const x = tensor(
          Float32Array.from({ length: n }, (_, i) => i),
          shape,
        );
        const flat = reshape(x, [-1]);
        expect(flat.shape).toEqual([n]);
        expect(reshape(flat, shape).toArray()).toEqual(x.toArray());
      }),
    );
  });

  it('names both shapes when sizes do not match', () => {
    expect(() => reshape(tensor([1, 2, 3, 4, 5, 6]), [4, -1])).toThrow(
      'reshape: shape [4, -1] is invalid for input of shape [6] (6 elements)',
    );
    expect(() => reshape(tensor([1, 2]), [-1, -1])).toThrow(/only one dimension can be -1/);
  });
});
