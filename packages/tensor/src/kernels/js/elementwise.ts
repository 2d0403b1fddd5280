import type { BinaryOp, UnaryOp } from '../../backend.js';
import { allocate } from '../../pool.js';
import type { StridedLoop } from '../../shape.js';
import { numel } from '../../shape.js';
import { forEachRow, innerStride } from './strided.js';

/**
 * erfc(z) for z ≥ 0, from the Chebyshev fit of Numerical Recipes (fractional error below
 * 1.2e-7 everywhere: within float32 rounding). Accurate in the far tail too, where 1 − erf(z)
 * would cancel; kernels that need Φ(z) for very negative z (exact GELU) use it directly.
 */
export function erfcOfNonNegative(z: number): number {
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
  return t * Math.exp(poly);
}

/** The error function: erf(x) = 1 − erfc(x), and erf(−x) = −erf(x). */
export function erf(x: number): number {
  const erfc = erfcOfNonNegative(Math.abs(x));
  return x >= 0 ? 1 - erfc : erfc - 1;
}

/**
 * Each op is its own loop (rather than one loop calling a function per element) so the
 * engine compiles every loop for exactly one operation.
 */
export function unary(op: UnaryOp, x: Float32Array): Float32Array {
  const n = x.length;
  const y = allocate(n);
  switch (op) {
    case 'neg':
      for (let i = 0; i < n; i++) y[i] = -x[i];
      break;
    case 'exp':
      for (let i = 0; i < n; i++) y[i] = Math.exp(x[i]);
      break;
    case 'log':
      for (let i = 0; i < n; i++) y[i] = Math.log(x[i]);
      break;
    case 'sqrt':
      for (let i = 0; i < n; i++) y[i] = Math.sqrt(x[i]);
      break;
    case 'rsqrt':
      for (let i = 0; i < n; i++) y[i] = 1 / Math.sqrt(x[i]);
      break;
    case 'tanh':
      for (let i = 0; i < n; i++) y[i] = Math.tanh(x[i]);
      break;
    case 'relu': // Math.max keeps NaN, as PyTorch's relu does
      for (let i = 0; i < n; i++) y[i] = Math.max(x[i], 0);
      break;
    case 'sigmoid':
      for (let i = 0; i < n; i++) y[i] = 1 / (1 + Math.exp(-x[i]));
      break;
    case 'abs':
      for (let i = 0; i < n; i++) y[i] = Math.abs(x[i]);
      break;
    case 'sign':
      for (let i = 0; i < n; i++) y[i] = Math.sign(x[i]);
      break;
    case 'erf':
      for (let i = 0; i < n; i++) y[i] = erf(x[i]);
      break;
    case 'sin':
      for (let i = 0; i < n; i++) y[i] = Math.sin(x[i]);
      break;
    case 'cos':
      for (let i = 0; i < n; i++) y[i] = Math.cos(x[i]);
      break;
    case 'reciprocal':
      for (let i = 0; i < n; i++) y[i] = 1 / x[i];
      break;
    default:
      throw new Error(`unary: unknown op '${op satisfies never}'`);
  }
  return y;
}

/** One row of a broadcast binary op: out[o + j] = a[ia + j sa] op b[ib + j sb]. */
function binaryRow(
  op: BinaryOp,
  out: Float32Array,
  o: number,
  n: number,
  a: Float32Array,
  ia: number,
  sa: number,
  b: Float32Array,
  ib: number,
  sb: number,
): void {
  switch (op) {
    case 'add':
      for (let j = 0; j < n; j++) out[o + j] = a[ia + j * sa] + b[ib + j * sb];
      return;
    case 'sub':
      for (let j = 0; j < n; j++) out[o + j] = a[ia + j * sa] - b[ib + j * sb];
      return;
    case 'mul':
      for (let j = 0; j < n; j++) out[o + j] = a[ia + j * sa] * b[ib + j * sb];
      return;
    case 'div':
      for (let j = 0; j < n; j++) out[o + j] = a[ia + j * sa] / b[ib + j * sb];
      return;
    case 'pow':
      for (let j = 0; j < n; j++) out[o + j] = a[ia + j * sa] ** b[ib + j * sb];
      return;
    case 'maximum': // Math.max/min propagate NaN, as PyTorch's maximum/minimum do
      for (let j = 0; j < n; j++) out[o + j] = Math.max(a[ia + j * sa], b[ib + j * sb]);
      return;
    case 'minimum':
      for (let j = 0; j < n; j++) out[o + j] = Math.min(a[ia + j * sa], b[ib + j * sb]);
      return;
    case 'eq':
      for (let j = 0; j < n; j++) out[o + j] = a[ia + j * sa] === b[ib + j * sb] ? 1 : 0;
      return;
    case 'ne':
      for (let j = 0; j < n; j++) out[o + j] = a[ia + j * sa] !== b[ib + j * sb] ? 1 : 0;
      return;
    case 'lt':
      for (let j = 0; j < n; j++) out[o + j] = a[ia + j * sa] < b[ib + j * sb] ? 1 : 0;
      return;
    case 'le':
      for (let j = 0; j < n; j++) out[o + j] = a[ia + j * sa] <= b[ib + j * sb] ? 1 : 0;
      return;
    case 'gt':
      for (let j = 0; j < n; j++) out[o + j] = a[ia + j * sa] > b[ib + j * sb] ? 1 : 0;
      return;
    case 'ge':
      for (let j = 0; j < n; j++) out[o + j] = a[ia + j * sa] >= b[ib + j * sb] ? 1 : 0;
      return;
    default:
      throw new Error(`binary: unknown op '${op satisfies never}'`);
  }
}

export function binary(
  op: BinaryOp,
  a: Float32Array,
  b: Float32Array,
  loop: StridedLoop,
): Float32Array {
  const out = allocate(numel(loop.shape));
  const sa = innerStride(loop, 0);
  const sb = innerStride(loop, 1);
  forEachRow(loop, [0, 0], (o, n, offsets) =>
    binaryRow(op, out, o, n, a, offsets[0], sa, b, offsets[1], sb),
  );
  return out;
}

export function where(
  cond: Float32Array,
  a: Float32Array,
  b: Float32Array,
  loop: StridedLoop,
): Float32Array {
  const out = allocate(numel(loop.shape));
  const [sc, sa, sb] = [0, 1, 2].map((k) => innerStride(loop, k));
  forEachRow(loop, [0, 0, 0], (o, n, [ic, ia, ib]) => {
    for (let j = 0; j < n; j++)
      out[o + j] = cond[ic + j * sc] !== 0 ? a[ia + j * sa] : b[ib + j * sb];
  });
  return out;
}

export function copyStrided(x: Float32Array, offset: number, loop: StridedLoop): Float32Array {
  const out = allocate(numel(loop.shape));
  const s = innerStride(loop, 0);
  forEachRow(loop, [offset], (o, n, [ix]) => {
    for (let j = 0; j < n; j++) out[o + j] = x[ix + j * s];
  });
  return out;
}
