/**
 * Compares a learner's result with the expected one, leaf by leaf, and describes the first
 * difference: where it is, the shapes, the largest absolute difference, the first index out
 * of tolerance and the row around it.
 */
import type { Tolerance } from './types.js';
import { asLeaf, describeValue, type NumericLeaf } from './values.js';

export interface Mismatch {
  /** Where in the result: 'result', 'result.weights', 'result[2].left'. */
  path: string;
  kind: 'type' | 'missing' | 'length' | 'shape' | 'values' | 'exact';
  /** One line, complete on its own. */
  message: string;
  expectedShape?: number[];
  actualShape?: number[];
  maxAbsDiff?: number;
  /** Elements outside tolerance, of `total`. */
  badCount?: number;
  total?: number;
  firstIndex?: number[];
  expectedValue?: number;
  actualValue?: number;
  /** The last-dim row holding the first mismatch (at most 8 values), and its index prefix. */
  rowIndex?: number[];
  expectedRow?: number[];
  actualRow?: number[];
  /** A pattern noticed in the difference ("every value is 2.83 times too large"). */
  hint?: string;
}

export const shapeText = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

export function unravel(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length).fill(0);
  let rest = flat;
  for (let d = shape.length - 1; d >= 0; d--) {
    index[d] = rest % shape[d];
    rest = Math.floor(rest / shape[d]);
  }
  return index;
}

/** |a - e| <= atol + rtol |e|; NaN matches NaN, and equal infinities match. */
export function withinTolerance(a: number, e: number, tol: Tolerance): boolean {
  if (a === e) return true;
  if (Number.isNaN(a) && Number.isNaN(e)) return true;
  return Math.abs(a - e) <= tol.atol + tol.rtol * Math.abs(e);
}

export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 1e-3 && abs < 1e5) return Number(x.toPrecision(5)).toString();
  return x.toExponential(3);
}

const small = (x: number): string =>
  x !== 0 && x < 1e-3 ? x.toExponential().replace('e-', 'e-') : String(x);

/** "|a - e| ≤ 1e-5 + 1e-4·|e|" */
export function toleranceText(tol: Tolerance): string {
  if (tol.atol === 0 && tol.rtol === 0) return 'exact';
  return `|got − expected| ≤ ${small(tol.atol)} + ${small(tol.rtol)}·|expected|`;
}

function compareNumeric(
  path: string,
  e: NumericLeaf,
  a: NumericLeaf,
  tol: Tolerance,
): Mismatch | null {
  const sameShape = e.shape.length === a.shape.length && e.shape.every((d, i) => d === a.shape[i]);
  if (!sameShape) {
    return {
      path,
      kind: 'shape',
      message: `${path}: expected shape ${shapeText(e.shape)}, got shape ${shapeText(a.shape)}`,
      expectedShape: e.shape,
      actualShape: a.shape,
      ...shapeHint(e.shape, a.shape),
    };
  }
  let maxAbsDiff = 0;
  let sawNaN = false;
  let first = -1;
  let bad = 0;
  for (let i = 0; i < e.data.length; i++) {
    const x = a.data[i];
    const y = e.data[i];
    if (!withinTolerance(x, y, tol)) {
      bad++;
      if (first < 0) first = i;
    }
    const diff = x === y || (Number.isNaN(x) && Number.isNaN(y)) ? 0 : Math.abs(x - y);
    if (Number.isNaN(diff)) sawNaN = true;
    else if (diff > maxAbsDiff) maxAbsDiff = diff;
  }
  if (first < 0) return null;
  if (sawNaN) maxAbsDiff = Number.NaN;
  const firstIndex = unravel(first, e.shape);
  const rowLen = e.shape.length === 0 ? 1 : e.shape[e.shape.length - 1];
  const rowStart = first - (first % rowLen);
  const take = Math.min(rowLen, 8);
  const from = Math.max(rowStart, Math.min(first - 3, rowStart + rowLen - take));
  const slice = (data: ArrayLike<number>) => Array.from({ length: take }, (_, k) => data[from + k]);
  const where = e.shape.length === 0 ? '' : ` at index ${shapeText(firstIndex)}`;
  return {
    path,
    kind: 'values',
    message:
      `${path}: ${bad} of ${e.data.length} values differ; first${where}: ` +
      `expected ${formatNumber(e.data[first])}, got ${formatNumber(a.data[first])} ` +
      `(max abs diff ${formatNumber(maxAbsDiff)}; tolerance ${toleranceText(tol)})`,
    expectedShape: e.shape,
    actualShape: a.shape,
    maxAbsDiff,
    badCount: bad,
    total: e.data.length,
    firstIndex,
    expectedValue: e.data[first],
    actualValue: a.data[first],
    ...valuesHint(e, a),
    ...(e.shape.length >= 1
      ? {
          rowIndex: firstIndex.slice(0, -1),
          expectedRow: slice(e.data),
          actualRow: slice(a.data),
        }
      : {}),
  };
}

function shapeHint(e: number[], a: number[]): { hint?: string } {
  const sorted = (s: number[]) => [...s].sort((x, y) => x - y).join(',');
  if (e.length === a.length && sorted(e) === sorted(a)) {
    return {
      hint: 'the same sizes in another order: a transpose or permute missing, extra, or on the wrong dims?',
    };
  }
  const count = (s: number[]) => s.reduce((x, y) => x * y, 1);
  if (count(e) === count(a)) {
    return {
      hint: 'the same number of values in another shape: a reshape missing or to the wrong shape?',
    };
  }
  if (a.length === e.length - 1 || a.length === e.length + 1) {
    return {
      hint: 'one dimension too few or too many: a reduction without keepdim, or a missing squeeze/unsqueeze?',
    };
  }
  return {};
}

function valuesHint(e: NumericLeaf, a: NumericLeaf): { hint?: string } {
  let nanInActual = 0;
  let infInActual = 0;
  for (let i = 0; i < e.data.length; i++) {
    if (Number.isNaN(a.data[i]) && !Number.isNaN(e.data[i])) nanInActual++;
    if (!Number.isFinite(a.data[i]) && !Number.isNaN(a.data[i]) && Number.isFinite(e.data[i]))
      infInActual++;
  }
  if (nanInActual > 0) {
    return {
      hint: `${nanInActual} NaN where a number was expected: exp of a large value overflowing, 0/0, or √ of a negative?`,
    };
  }
  if (infInActual > 0)
    return { hint: `${infInActual} infinite values where finite ones were expected: an overflow?` };
  // a constant factor between the two (a missing or wrong scale)
  let ratio = Number.NaN;
  let constant = true;
  let used = 0;
  for (let i = 0; i < e.data.length && constant; i++) {
    const y = e.data[i];
    if (Math.abs(y) < 1e-4) {
      if (Math.abs(a.data[i]) > 1e-3) constant = false;
      continue;
    }
    const r = a.data[i] / y;
    used++;
    if (Number.isNaN(ratio)) ratio = r;
    else if (Math.abs(r - ratio) > 1e-3 * Math.max(1, Math.abs(ratio))) constant = false;
  }
  if (constant && used >= 2 && Math.abs(ratio - 1) > 1e-3) {
    return {
      hint: `every value is ${formatNumber(ratio)} times the expected one: a missing or wrong scale factor?`,
    };
  }
  return {};
}

/** The first difference between expected and actual, or null when they agree within tolerance. */
export function compareValues(
  expected: unknown,
  actual: unknown,
  tol: Tolerance,
  path = 'result',
): Mismatch | null {
  const e = asLeaf(expected);
  if (e) {
    const a = asLeaf(actual);
    if (e.kind === 'numeric') {
      if (a?.kind !== 'numeric') {
        return {
          path,
          kind: 'type',
          message: `${path}: expected ${describeValue(expected)}, got ${describeValue(actual)}`,
        };
      }
      return compareNumeric(path, e, a, tol);
    }
    if (a?.kind !== 'exact' || a.value !== e.value) {
      return {
        path,
        kind: 'exact',
        message: `${path}: expected ${describeValue(expected)}, got ${describeValue(actual)}`,
      };
    }
    return null;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) {
      return {
        path,
        kind: 'type',
        message: `${path}: expected ${describeValue(expected)}, got ${describeValue(actual)}`,
      };
    }
    if (actual.length !== expected.length) {
      return {
        path,
        kind: 'length',
        message: `${path}: expected ${expected.length} items, got ${actual.length}`,
      };
    }
    for (let i = 0; i < expected.length; i++) {
      const m = compareValues(expected[i], actual[i], tol, `${path}[${i}]`);
      if (m) return m;
    }
    return null;
  }
  // a plain object: every expected key must be there
  if (typeof actual !== 'object' || actual === null || asLeaf(actual)) {
    return {
      path,
      kind: 'type',
      message: `${path}: expected ${describeValue(expected)}, got ${describeValue(actual)}`,
    };
  }
  for (const [key, value] of Object.entries(expected as Record<string, unknown>)) {
    if (!(key in actual)) {
      return {
        path: `${path}.${key}`,
        kind: 'missing',
        message: `${path}: has no '${key}' (expected ${describeValue(value)})`,
      };
    }
    const m = compareValues(value, (actual as Record<string, unknown>)[key], tol, `${path}.${key}`);
    if (m) return m;
  }
  return null;
}
