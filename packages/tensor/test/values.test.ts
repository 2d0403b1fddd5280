/** Forward values against independent formulas and hand-computed cases, on every backend. */
import { afterAll, describe, expect, it } from 'vitest';
import * as xf from '../src/index.js';
import { setBackend, tensor, testing } from '../src/index.js';

afterAll(() => setBackend('js'));

const close = (a: xf.Tensor, e: number | number[] | number[][] | number[][][], atol = 1e-5) =>
  testing.assertClose(a, tensor(e as number[]), { atol, rtol: 1e-5 });

for (const config of testing.backendConfigs()) {
  describe(`values on ${config.label}`, () => {
    const xs = [-2.5, -1, -0.25, 0, 0.3, 1, 4];

    it('unary ops equal Math', () => {
      config.use();
      const x = tensor(xs);
      close(xf.exp(x), xs.map(Math.exp), 1e-4);
      close(xf.tanh(x), xs.map(Math.tanh));
      close(
        xf.sigmoid(x),
        xs.map((v) => 1 / (1 + Math.exp(-v))),
      );
      close(
        xf.relu(x),
        xs.map((v) => Math.max(v, 0)),
      );
      close(xf.abs(x), xs.map(Math.abs));
      close(xf.sign(x), xs.map(Math.sign));
      close(xf.sin(x), xs.map(Math.sin));
      close(xf.cos(x), xs.map(Math.cos));
      close(
        xf.neg(x),
        xs.map((v) => -v),
      );
      const pos = tensor([0.5, 1, 2, 9]);
      close(xf.log(pos), [Math.log(0.5), 0, Math.log(2), Math.log(9)]);
      close(xf.sqrt(pos), [Math.sqrt(0.5), 1, Math.SQRT2, 3]);
      close(xf.rsqrt(pos), [1 / Math.sqrt(0.5), 1, 1 / Math.SQRT2, 1 / 3]);
      close(xf.reciprocal(pos), [2, 1, 0.5, 1 / 9]);
    });

    it('erf matches reference values', () => {
      config.use();
      // erf(0.5), erf(1), erf(2) to 7 digits
      close(
        xf.erf(tensor([0, 0.5, 1, 2, -1])),
        [0, 0.5204999, 0.8427008, 0.9953223, -0.8427008],
        2e-7,
      );
    });

    it('binary ops with broadcasting', () => {
      config.use();
      const a = tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]);
      const b = tensor([10, 20, 30]);
      close(xf.add(a, b), [
        [11, 22, 33],
        [14, 25, 36],
      ]);
      close(xf.sub(a, tensor([[1], [2]])), [
        [0, 1, 2],
        [2, 3, 4],
      ]);
      close(xf.mul(a, 2), [
        [2, 4, 6],
        [8, 10, 12],
      ]);
      close(xf.div(a, b), [
        [0.1, 0.1, 0.1],
        [0.4, 0.25, 0.2],
      ]);
      close(xf.pow(a, 2), [
        [1, 4, 9],
        [16, 25, 36],
      ]);
      close(xf.pow(tensor([-2, -3]), 3), [-8, -27]);
      close(xf.pow(tensor([-2, -3]), 2), [4, 9]);
      close(xf.maximum(a, tensor(3.5)), [
        [3.5, 3.5, 3.5],
        [4, 5, 6],
      ]);
      close(xf.minimum(a, tensor(3.5)), [
        [1, 2, 3],
        [3.5, 3.5, 3.5],
      ]);
      expect(xf.gt(a, 3).toArray()).toEqual([
        [false, false, false],
        [true, true, true],
      ]);
      expect(xf.eq(a, tensor([1, 0, 3])).toArray()).toEqual([
        [true, false, true],
        [false, false, false],
      ]);
      expect(xf.le(a, 2).dtype).toBe('bool');
    });

    it('where and maskedFill', () => {
      config.use();
      const x = tensor([
        [1, 2],
        [3, 4],
      ]);
      const mask = tensor([
        [true, false],
        [false, true],
      ]);
      close(xf.where(mask, x, tensor(0)), [
        [1, 0],
        [0, 4],
      ]);
      close(
        xf.maskedFill(x, tensor([false, true]), Number.NEGATIVE_INFINITY).exp(),
        [
          [Math.E, 0],
          [Math.exp(3), 0],
        ],
        1e-4,
      );
    });

    it('reductions', () => {
      config.use();
      const x = tensor([
        [1, 5, 3],
        [4, 2, 6],
      ]);
      close(xf.sum(x), 21);
      close(xf.sum(x, 0), [5, 7, 9]);
      close(xf.sum(x, 1, true), [[9], [12]]);
      close(xf.mean(x, -1), [3, 4]);
      close(xf.amax(x, 0), [4, 5, 6]);
      close(xf.amin(x), 1);
      expect(xf.argmax(x, 1).toArray()).toEqual([1, 2]);
      expect(xf.argmin(x).item()).toBe(0);
      const m = xf.max(x, 1);
      close(m.values, [5, 6]);
      expect(m.indices.toArray()).toEqual([1, 2]);
      expect(m.indices.dtype).toBe('int32');
      // var: mean 3, squares 4+4+0 = 8 -> unbiased 8/2 = 4, biased 8/3
      close(xf.variance(tensor([1, 5, 3])), 4);
      close(xf.variance(tensor([1, 5, 3]), 0, { correction: 0 }), 8 / 3);
      close(xf.std(tensor([1, 5, 3])), 2);
      close(
        xf.logsumexp(
          tensor([
            [0, 0],
            [1000, 1000],
          ]),
          1,
        ),
        [Math.LN2, 1000 + Math.LN2],
        1e-3,
      );
    });

    it('ties in argmax pick the first index', () => {
      config.use();
      expect(xf.argmax(tensor([[3, 7, 7, 1]]), 1).toArray()).toEqual([1]);
    });

    it('matmul by hand', () => {
      config.use();
      const a = tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]);
      const b = tensor([
        [7, 8],
        [9, 10],
        [11, 12],
      ]);
      close(xf.matmul(a, b), [
        [58, 64],
        [139, 154],
      ]);
      close(xf.matmul(tensor([1, 2, 3]), tensor([4, 5, 6])), 32);
      close(xf.matmul(a, tensor([1, 0, -1])), [-2, -2]);
      const batch = xf.stack([a, xf.mul(a, 2)]);
      close(xf.matmul(batch, b), [
        [
          [58, 64],
          [139, 154],
        ],
        [
          [116, 128],
          [278, 308],
        ],
      ]);
      // y = x Wᵀ + b
      close(xf.linear(tensor([[1, 1, 1]]), a, tensor([0.5, -0.5])), [[6.5, 14.5]]);
    });

    it('softmax by hand, stable for large inputs', () => {
      config.use();
      const e = [Math.exp(1), Math.exp(2), Math.exp(3)];
      const s = e.reduce((p, q) => p + q);
      close(
        xf.softmax(tensor([1, 2, 3]), 0),
        e.map((v) => v / s),
      );
      close(
        xf.softmax(tensor([1001, 1002, 1003]), 0),
        e.map((v) => v / s),
      );
      close(
        xf.logSoftmax(tensor([1, 2, 3]), 0),
        e.map((v) => Math.log(v / s)),
      );
      close(
        xf.softmax(
          tensor([
            [1, 3],
            [2, 4],
          ]),
          0,
        ),
        [
          [1 / (1 + Math.E ** 1), 1 / (1 + Math.E ** 1)],
          [Math.E / (1 + Math.E), Math.E / (1 + Math.E)],
        ],
      );
      const masked = xf.softmax(tensor([0, Number.NEGATIVE_INFINITY, 0]), 0);
      close(masked, [0.5, 0, 0.5]);
    });

    it('shape ops move the right values', () => {
      config.use();
      const x = xf.arange(6).float().reshape(2, 3);
      expect(x.t().toArray()).toEqual([
        [0, 3],
        [1, 4],
        [2, 5],
      ]);
      expect(
        xf
          .permute(xf.arange(24).reshape(2, 3, 4), [2, 0, 1])
          .select(0, 1)
          .toArray(),
      ).toEqual([
        [1, 5, 9],
        [13, 17, 21],
      ]);
      expect(xf.slice(x, 1, 1).toArray()).toEqual([
        [1, 2],
        [4, 5],
      ]);
      expect(xf.slice(x, 1, -1, null).toArray()).toEqual([[2], [5]]);
      expect(xf.slice(xf.arange(10), 0, 1, 9, 3).toArray()).toEqual([1, 4, 7]);
      expect(xf.expand(tensor([[1], [2]]), [2, 3]).toArray()).toEqual([
        [1, 1, 1],
        [2, 2, 2],
      ]);
      expect(xf.cat([x, tensor([[9], [9]])], 1).toArray()).toEqual([
        [0, 1, 2, 9],
        [3, 4, 5, 9],
      ]);
      expect(xf.repeat(tensor([1, 2]), [2, 2]).toArray()).toEqual([
        [1, 2, 1, 2],
        [1, 2, 1, 2],
      ]);
      expect(xf.tril(xf.ones(3, 3)).toArray()).toEqual([
        [1, 0, 0],
        [1, 1, 0],
        [1, 1, 1],
      ]);
      expect(xf.triu(xf.ones(2, 3), 1).toArray()).toEqual([
        [0, 1, 1],
        [0, 0, 1],
      ]);
      expect(xf.split(xf.arange(5), 2).map((p) => p.toArray())).toEqual([[0, 1], [2, 3], [4]]);
      expect(xf.chunk(xf.arange(6), 4).map((p) => p.toArray())).toEqual([
        [0, 1],
        [2, 3],
        [4, 5],
      ]);
      expect(
        xf
          .gather(
            tensor([
              [1, 2],
              [3, 4],
            ]),
            1,
            tensor([
              [0, 0],
              [1, 0],
            ]),
          )
          .toArray(),
      ).toEqual([
        [1, 1],
        [4, 3],
      ]);
      expect(xf.indexSelect(x, 1, [2, 0]).toArray()).toEqual([
        [2, 0],
        [5, 3],
      ]);
    });

    it('loops of more than four dims (no dims can merge)', () => {
      config.use();
      const shape = [2, 3, 2, 3, 2];
      const a = xf.arange(72).float().reshape(shape);
      const b = xf.arange(8).float().mul(100).reshape(2, 1, 2, 1, 2); // broadcast on every other dim
      const out = xf.add(a, b);
      const expected = Array.from(a.data, (v, i) => {
        const idx = [36, 12, 6, 2, 1].map((s, d) => Math.floor(i / s) % shape[d]);
        return v + 100 * (idx[0] * 4 + idx[2] * 2 + idx[4]);
      });
      testing.assertClose(out, tensor(expected, shape));
    });
  });
}
