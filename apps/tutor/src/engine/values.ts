/**
 * Results are compared leaf by leaf. A leaf is numeric (a Tensor, a number, a typed array or a
 * rectangular nested array of numbers: a shape and flat values) or exact (strings, booleans).
 * Objects and arrays of anything else are walked, so a check may return `{ out, weights }` or
 * a list of merges.
 */

export interface NumericLeaf {
  kind: 'numeric';
  shape: number[];
  data: ArrayLike<number>;
  /** 'Tensor', 'number' or 'array', for messages. */
  source: 'Tensor' | 'number' | 'array';
}

export interface ExactLeaf {
  kind: 'exact';
  value: string | boolean | null | undefined;
}

export type Leaf = NumericLeaf | ExactLeaf;

/** A tensor from any copy of @xf/tensor: duck-typed, so a second module instance still counts. */
export function isTensorLike(
  v: unknown,
): v is { shape: readonly number[]; data: ArrayLike<number> } {
  if (typeof v !== 'object' || v === null) return false;
  const t = v as { shape?: unknown; data?: unknown };
  return (
    Array.isArray(t.shape) &&
    typeof t.data === 'object' &&
    t.data !== null &&
    typeof (t.data as ArrayLike<number>).length === 'number'
  );
}

function isTypedNumbers(v: unknown): v is ArrayLike<number> {
  return ArrayBuffer.isView(v) && !(v instanceof DataView);
}

/** The shape of a rectangular nested array of numbers, or null when it is not one. */
export function nestedNumberShape(v: unknown): number[] | null {
  if (typeof v === 'number') return [];
  if (!Array.isArray(v)) return null;
  if (v.length === 0) return [0];
  const inner = nestedNumberShape(v[0]);
  if (inner === null) return null;
  for (let i = 1; i < v.length; i++) {
    const s = nestedNumberShape(v[i]);
    if (s === null || s.length !== inner.length || s.some((d, j) => d !== inner[j])) return null;
  }
  return [v.length, ...inner];
}

function flatNumbers(v: unknown, out: number[]): number[] {
  if (Array.isArray(v)) for (const x of v) flatNumbers(x, out);
  else out.push(v as number);
  return out;
}

/** The value as a single leaf, or null when it has to be walked. */
export function asLeaf(v: unknown): Leaf | null {
  if (isTensorLike(v))
    return { kind: 'numeric', shape: [...v.shape], data: v.data, source: 'Tensor' };
  if (typeof v === 'number') return { kind: 'numeric', shape: [], data: [v], source: 'number' };
  if (isTypedNumbers(v)) return { kind: 'numeric', shape: [v.length], data: v, source: 'array' };
  if (Array.isArray(v)) {
    const shape = nestedNumberShape(v);
    if (shape !== null)
      return { kind: 'numeric', shape, data: flatNumbers(v, []), source: 'array' };
    return null;
  }
  if (typeof v === 'string' || typeof v === 'boolean' || v === null || v === undefined) {
    return { kind: 'exact', value: v };
  }
  return null;
}

/** A value in a few words: "a Tensor of shape [2, 3]", "an object with keys out, weights". */
export function describeValue(v: unknown): string {
  if (isTensorLike(v)) return `a Tensor of shape [${v.shape.join(', ')}]`;
  if (typeof v === 'number') return `the number ${v}`;
  if (v === undefined) return 'undefined (did the function return?)';
  if (v === null) return 'null';
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  if (typeof v === 'boolean') return `${v}`;
  if (isTypedNumbers(v)) return `a ${v.constructor.name} of length ${v.length}`;
  if (Array.isArray(v)) {
    const shape = nestedNumberShape(v);
    return shape ? `an array of numbers of shape [${shape.join(', ')}]` : `an array of ${v.length}`;
  }
  if (typeof v === 'function') return 'a function';
  if (typeof v === 'object') {
    if (typeof (v as { then?: unknown }).then === 'function') return 'a Promise (drop async)';
    return `an object with keys ${Object.keys(v).join(', ') || '(none)'}`;
  }
  return typeof v;
}

/** Shapes of the tensors in a case's inputs, for the report: "q [2, 4, 5, 8], k [2, 4, 5, 8]". */
export function describeInputs(input: unknown): string {
  if (typeof input !== 'object' || input === null || isTensorLike(input)) return '';
  const parts: string[] = [];
  for (const [name, v] of Object.entries(input)) {
    if (isTensorLike(v)) parts.push(`${name} [${v.shape.join(', ')}]`);
    else if (typeof v === 'number' || typeof v === 'boolean') parts.push(`${name} = ${v}`);
    else if (typeof v === 'string') parts.push(`${name} = ${JSON.stringify(v)}`);
    else if (v === null) parts.push(`${name} = null`);
    else if (Array.isArray(v)) parts.push(`${name}: ${v.length} items`);
  }
  return parts.join(', ');
}
