import type { BinaryOp, UnaryOp } from '../../backend.js';
import type { StridedLoop } from '../../shape.js';
import { numel } from '../../shape.js';
import { forEachRow, innerStride } from './strided.js';

/**
 * The error function, from the complementary error function's Chebyshev fit in
 * Numerical Recipes (fractional error below 1.2e-7: within float32 rounding).
 */
export function erf(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -z * z -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t *
                      (0.27886807 +
                        t *
                          (-1.13520398 +
                            t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const erfc = t * Math.exp(poly);
  return x >= 0 ? 1 - erfc : erfc - 1;
}

export const unaryFns: Record<UnaryOp, (x: number) => number> = {
  neg: (x) => -x,
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  rsqrt: (x) => 1 / Math.sqrt(x),
  tanh: Math.tanh,
  relu: (x) => Math.max(x, 0), // NaN stays NaN, as in PyTorch
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  abs: Math.abs,
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : Number.NaN),
  erf,
  sin: Math.sin,
  cos: Math.cos,
  reciprocal: (x) => 1 / x,
};

export const binaryFns: Record<BinaryOp, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: Math.pow,
  // Math.max/min propagate NaN, as PyTorch's maximum/minimum do
  maximum: Math.max,
  minimum: Math.min,
  eq: (a, b) => (a === b ? 1 : 0),
  ne: (a, b) => (a !== b ? 1 : 0),
  lt: (a, b) => (a < b ? 1 : 0),
  le: (a, b) => (a <= b ? 1 : 0),
  gt: (a, b) => (a > b ? 1 : 0),
  ge: (a, b) => (a >= b ? 1 : 0),
};

export function unary(op: UnaryOp, x: Float32Array): Float32Array {
  const f = unaryFns[op];
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = f(x[i]);
  return out;
}

export function binary(
  op: BinaryOp,
  a: Float32Array,
  b: Float32Array,
  loop: StridedLoop,
): Float32Array {
  const f = binaryFns[op];
  const out = new Float32Array(numel(loop.shape));
  const sa = innerStride(loop, 0);
  const sb = innerStride(loop, 1);
  forEachRow(loop, [0, 0], (o, n, [ia, ib]) => {
    for (let j = 0; j < n; j++) out[o + j] = f(a[ia + j * sa], b[ib + j * sb]);
  });
  return out;
}

export function where(
  cond: Float32Array,
  a: Float32Array,
  b: Float32Array,
  loop: StridedLoop,
): Float32Array {
  const out = new Float32Array(numel(loop.shape));
  const [sc, sa, sb] = [0, 1, 2].map((k) => innerStride(loop, k));
  forEachRow(loop, [0, 0, 0], (o, n, [ic, ia, ib]) => {
    for (let j = 0; j < n; j++)
      out[o + j] = cond[ic + j * sc] !== 0 ? a[ia + j * sa] : b[ib + j * sb];
  });
  return out;
}

export function copyStrided(x: Float32Array, offset: number, loop: StridedLoop): Float32Array {
  const out = new Float32Array(numel(loop.shape));
  const s = innerStride(loop, 0);
  forEachRow(loop, [offset], (o, n, [ix]) => {
    for (let j = 0; j < n; j++) out[o + j] = x[ix + j * s];
  });
  return out;
}
