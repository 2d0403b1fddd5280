/**
 * gpu.js kernel sources for the tensor backend. Array indices are always computed into a
 * named local first: gpu.js's GLSL translation mishandles two computed indices in one kernel. Each thread computes one output element
 * of a flat output; multi-dimensional indices are recovered with `Math.floor((r + 0.5) / d)`,
 * which stays exact under the float arithmetic of GLSL.
 */
import type { BinaryOp, UnaryOp } from '../../backend.js';

/** The error function (Numerical Recipes' erfc fit), usable inside a kernel. */
const erfSource = `
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 +
    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 +
    t * (-0.82215223 + t * 0.17087277))))))));
  const erfc = t * Math.exp(poly);
  return x >= 0 ? 1 - erfc : erfc - 1;`;

const unaryBodies: Record<UnaryOp, string> = {
  neg: 'return -x;',
  exp: 'return Math.exp(x);',
  log: 'return Math.log(x);',
  sqrt: 'return Math.sqrt(x);',
  rsqrt: 'return 1 / Math.sqrt(x);',
  tanh: 'return Math.tanh(x);',
  relu: 'return x < 0 ? 0 : x;',
  sigmoid: 'return 1 / (1 + Math.exp(-x));',
  abs: 'return Math.abs(x);',
  sign: 'return x > 0 ? 1 : (x < 0 ? -1 : 0);',
  erf: erfSource,
  sin: 'return Math.sin(x);',
  cos: 'return Math.cos(x);',
  reciprocal: 'return 1 / x;',
};

export function unarySource(op: UnaryOp): string {
  return `function (input) {
  const x = input[this.thread.x];
  ${unaryBodies[op]}
}`;
}

const binaryExpressions: Record<BinaryOp, string> = {
  add: 'x + y',
  sub: 'x - y',
  mul: 'x * y',
  div: 'x / y',
  pow: 'Math.pow(x, y)',
  maximum: 'Math.max(x, y)',
  minimum: 'Math.min(x, y)',
  eq: 'x == y ? 1 : 0',
  ne: 'x != y ? 1 : 0',
  lt: 'x < y ? 1 : 0',
  le: 'x <= y ? 1 : 0',
  gt: 'x > y ? 1 : 0',
  ge: 'x >= y ? 1 : 0',
};

/** Loops of up to four dims (after collapsing), sizes in `shape`, operand strides in `sa`, `sb`. */
const indexRank4 = `
  let r = this.thread.x;
  const q3 = Math.floor((r + 0.5) / shape[3]);
  const i3 = r - q3 * shape[3];
  r = q3;
  const q2 = Math.floor((r + 0.5) / shape[2]);
  const i2 = r - q2 * shape[2];
  r = q2;
  const q1 = Math.floor((r + 0.5) / shape[1]);
  const i1 = r - q1 * shape[1];
  const i0 = q1;`;

export function binarySource(op: BinaryOp): string {
  // pow with a negative base and an integral exponent: GLSL's pow is undefined there
  const expression =
    op === 'pow'
      ? `(x < 0 && Math.floor(y) == y) ? (Math.floor(y * 0.5) * 2 == y ? 1 : -1) * Math.pow(-x, y) : Math.pow(x, y)`
      : binaryExpressions[op];
  return `function (a, b, shape, sa, sb) {
  ${indexRank4}
  const ia = i0 * sa[0] + i1 * sa[1] + i2 * sa[2] + i3 * sa[3];
  const ib = i0 * sb[0] + i1 * sb[1] + i2 * sb[2] + i3 * sb[3];
  const x = a[ia];
  const y = b[ib];
  return ${expression};
}`;
}

export const whereSource = `function (c, a, b, shape, sc, sa, sb) {
  ${indexRank4}
  const ic = i0 * sc[0] + i1 * sc[1] + i2 * sc[2] + i3 * sc[3];
  const ia = i0 * sa[0] + i1 * sa[1] + i2 * sa[2] + i3 * sa[3];
  const ib = i0 * sb[0] + i1 * sb[1] + i2 * sb[2] + i3 * sb[3];
  const cond = c[ic];
  const x = a[ia];
  const y = b[ib];
  if (cond != 0) {
    return x;
  }
  return y;
}`;

export const copyStridedSource = `function (x, offset, shape, sx) {
  ${indexRank4}
  const ix = offset + i0 * sx[0] + i1 * sx[1] + i2 * sx[2] + i3 * sx[3];
  return x[ix];
}`;

/** One output per (outer, inner) pair; `op` 0 = sum, 1 = max, 2 = min, 3 = argmax, 4 = argmin. */
export const reduceSource = `function (x, size, inner, op) {
  const idx = this.thread.x;
  const o = Math.floor((idx + 0.5) / inner);
  const i = idx - o * inner;
  const base = o * size * inner + i;
  let acc = x[base];
  let best = 0;
  if (op == 0) {
    acc = 0;
    for (let j = 0; j < size; j++) {
      const p = base + j * inner;
      acc += x[p];
    }
    return acc;
  }
  for (let j = 1; j < size; j++) {
    const p = base + j * inner;
    const v = x[p];
    if ((op == 1 || op == 3) ? v > acc : v < acc) {
      acc = v;
      best = j;
    }
  }
  if (op >= 3) {
    return best;
  }
  return acc;
}`;

/** C[t, i, j] = sum_l A[t, i, l] B[t, l, j], with A and B read through strides (so transposes are free). */
export const matmulSource = `function (a, b, aOff, bOff, m, k, n, aRow, aCol, bRow, bCol) {
  const idx = this.thread.x;
  const mn = m * n;
  const t = Math.floor((idx + 0.5) / mn);
  const r = idx - t * mn;
  const i = Math.floor((r + 0.5) / n);
  const j = r - i * n;
  const ao = aOff[t] + i * aRow;
  const bo = bOff[t] + j * bCol;
  let sum = 0;
  for (let l = 0; l < k; l++) {
    const pa = ao + l * aCol;
    const pb = bo + l * bRow;
    sum += a[pa] * b[pb];
  }
  return sum;
}`;

/** Per row of [outer, size, inner]: log(sum_j exp(x_j - max)), given the row max. */
export const rowLogSumExpSource = `function (x, rowMax, size, inner) {
  const idx = this.thread.x;
  const o = Math.floor((idx + 0.5) / inner);
  const i = idx - o * inner;
  const base = o * size * inner + i;
  const m = rowMax[idx];
  let s = 0;
  for (let j = 0; j < size; j++) {
    const p = base + j * inner;
    s += Math.exp(x[p] - m);
  }
  return Math.log(s);
}`;

/** Elementwise: softmax = exp(x - max - lse), log-softmax = x - max - lse. */
export const softmaxOutSource = `function (x, rowMax, rowLse, size, inner, logOut) {
  const idx = this.thread.x;
  const row = Math.floor((idx + 0.5) / (size * inner));
  const within = idx - row * size * inner;
  const i = within - Math.floor((within + 0.5) / inner) * inner;
  const r = row * inner + i;
  const v = x[idx] - rowMax[r] - rowLse[r];
  if (logOut == 1) {
    return v;
  }
  return Math.exp(v);
}`;

/** Per row: sum_j dy_j y_j (softmax) or sum_j dy_j (log-softmax). */
export const rowDotSource = `function (y, dy, size, inner, logOut) {
  const idx = this.thread.x;
  const o = Math.floor((idx + 0.5) / inner);
  const i = idx - o * inner;
  const base = o * size * inner + i;
  let s = 0;
  for (let j = 0; j < size; j++) {
    const p = base + j * inner;
    if (logOut == 1) {
      s += dy[p];
    } else {
      s += dy[p] * y[p];
    }
  }
  return s;
}`;

export const softmaxBackwardSource = `function (y, dy, rowDot, size, inner, logOut) {
  const idx = this.thread.x;
  const row = Math.floor((idx + 0.5) / (size * inner));
  const within = idx - row * size * inner;
  const i = within - Math.floor((within + 0.5) / inner) * inner;
  const r = row * inner + i;
  const s = rowDot[r];
  if (logOut == 1) {
    return dy[idx] - Math.exp(y[idx]) * s;
  }
  return y[idx] * (dy[idx] - s);
}`;
