/** Making tensors: from data, filled, ranges, and random with the seeded generator. */

import { convertValues } from './ops/shape.js';
import { defaultGenerator, type Generator } from './random.js';
import { checkShape, formatShape, numel } from './shape.js';
import { type DType, Tensor } from './tensor.js';

export interface TensorOptions {
  dtype?: DType;
  requiresGrad?: boolean;
}

export interface RandomOptions extends TensorOptions {
  generator?: Generator;
}

type Nested = number | boolean | readonly Nested[];

/**
 * A tensor from nested arrays (`tensor([[1, 2], [3, 4]])`), a number, or flat values with
 * a shape (`tensor(new Float32Array(6), [2, 3])`). Booleans make a bool tensor.
 */
export function tensor(
  data: Nested | ArrayLike<number>,
  shapeOrOptions?: readonly number[] | (TensorOptions & { shape?: readonly number[] }),
  options: TensorOptions = {},
): Tensor {
  const opts = Array.isArray(shapeOrOptions)
    ? { ...options, shape: shapeOrOptions as readonly number[] }
    : { ...options, ...(shapeOrOptions as object) };
  const {
    shape: givenShape,
    dtype,
    requiresGrad = false,
  } = opts as TensorOptions & { shape?: readonly number[] };
  let values: Float32Array;
  let shape: number[];
  let inferred: DType = 'float32';
  if (typeof data === 'number' || typeof data === 'boolean') {
    values = new Float32Array([Number(data)]);
    shape = [];
    if (typeof data === 'boolean') inferred = 'bool';
  } else if (Array.isArray(data)) {
    shape = nestedShape(data);
    const flat = flatten(data as Nested[]);
    if (flat.length > 0 && typeof flat[0] === 'boolean') inferred = 'bool';
    values = Float32Array.from(flat, (v, i) => {
      if (typeof v !== 'number' && typeof v !== 'boolean') {
        throw new TypeError(`tensor: element ${i} is ${typeof v}, expected a number or boolean`);
      }
      return Number(v);
    });
  } else if (data && typeof (data as ArrayLike<number>).length === 'number') {
    values = Float32Array.from(data as ArrayLike<number>);
    shape = [values.length];
  } else {
    throw new TypeError(
      `tensor: cannot make a tensor from ${data === null ? 'null' : typeof data}`,
    );
  }
  if (givenShape) {
    const target = checkShape('tensor', givenShape);
    if (numel(target) !== values.length) {
      throw new Error(`tensor: ${values.length} values do not fill shape ${formatShape(target)}`);
    }
    shape = target;
  }
  const finalType = dtype ?? inferred;
  return new Tensor(convertValues('tensor', values, finalType), shape, finalType, requiresGrad);
}

function flatten(data: readonly Nested[]): (number | boolean)[] {
  const out: (number | boolean)[] = [];
  const walk = (node: Nested): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else out.push(node as number | boolean);
  };
  walk(data);
  return out;
}

function nestedShape(data: readonly Nested[]): number[] {
  const shape: number[] = [];
  let level: Nested = data;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = level[0];
  }
  const check = (node: Nested, depth: number, path: string): void => {
    if (depth === shape.length) {
      if (Array.isArray(node)) throw new Error(`tensor: ragged nested array at ${path}: too deep`);
      return;
    }
    if (!Array.isArray(node) || node.length !== shape[depth]) {
      throw new Error(
        `tensor: ragged nested array at ${path || 'top level'}: expected length ${shape[depth]}, got ${Array.isArray(node) ? node.length : 'a number'}`,
      );
    }
    node.forEach((child, i) => {
      check(child, depth + 1, `${path}[${i}]`);
    });
  };
  check(data, 0, '');
  return shape;
}

/** Accepts `zeros(2, 3)`, `zeros([2, 3])` and either followed by options. */
type SizeArgs = (number | readonly number[] | TensorOptions | RandomOptions | undefined)[];

function parseSize(op: string, args: SizeArgs): [number[], RandomOptions] {
  let options: RandomOptions = {};
  const rest = [...args];
  const last = rest[rest.length - 1];
  if (last !== undefined && typeof last === 'object' && !Array.isArray(last)) {
    options = last as RandomOptions;
    rest.pop();
  }
  const sizes =
    rest.length === 1 && Array.isArray(rest[0]) ? (rest[0] as number[]) : (rest as number[]);
  for (const s of sizes) {
    if (typeof s !== 'number') throw new TypeError(`${op}: sizes must be numbers, got ${typeof s}`);
  }
  return [checkShape(op, sizes), options];
}

function filled(op: string, args: SizeArgs, value: number): Tensor {
  const [shape, { dtype = 'float32', requiresGrad = false }] = parseSize(op, args);
  return new Tensor(new Float32Array(numel(shape)).fill(value), shape, dtype, requiresGrad);
}

export const zeros = (...args: SizeArgs): Tensor => filled('zeros', args, 0);
export const ones = (...args: SizeArgs): Tensor => filled('ones', args, 1);

export function full(shape: readonly number[], value: number, options: TensorOptions = {}): Tensor {
  return filled('full', [shape, options], value);
}

export const zerosLike = (x: Tensor, options: TensorOptions = {}): Tensor =>
  zeros(x.shape, { dtype: x.dtype, ...options });
export const onesLike = (x: Tensor, options: TensorOptions = {}): Tensor =>
  ones(x.shape, { dtype: x.dtype, ...options });
export const fullLike = (x: Tensor, value: number, options: TensorOptions = {}): Tensor =>
  full(x.shape, value, { dtype: x.dtype, ...options });

/**
 * Values from start (inclusive) to end (exclusive) by step: `arange(5)`, `arange(2, 8, 2)`.
 * Integer arguments give an int32 tensor, as PyTorch gives an integer one.
 */
export function arange(start: number, end?: number, step = 1, options: TensorOptions = {}): Tensor {
  const [from, to] = end === undefined ? [0, start] : [start, end];
  if (step === 0 || !Number.isFinite(step))
    throw new Error(`arange: step must be a nonzero finite number, got ${step}`);
  const count = Math.max(0, Math.ceil((to - from) / step));
  const data = new Float32Array(count);
  for (let i = 0; i < count; i++) data[i] = from + i * step;
  const integral = [from, to, step].every(Number.isInteger);
  return new Tensor(
    data,
    [count],
    options.dtype ?? (integral ? 'int32' : 'float32'),
    options.requiresGrad,
  );
}

export function linspace(
  start: number,
  end: number,
  steps: number,
  options: TensorOptions = {},
): Tensor {
  if (!Number.isInteger(steps) || steps < 0)
    throw new Error(`linspace: steps must be a non-negative integer, got ${steps}`);
  const data = new Float32Array(steps);
  for (let i = 0; i < steps; i++)
    data[i] = steps === 1 ? start : start + ((end - start) * i) / (steps - 1);
  return new Tensor(data, [steps], options.dtype ?? 'float32', options.requiresGrad);
}

export function eye(n: number, m = n, options: TensorOptions = {}): Tensor {
  const t = zeros([n, m], options);
  for (let i = 0; i < Math.min(n, m); i++) t.data[i * m + i] = 1;
  return t;
}

/** Standard normal samples. */
export function randn(...args: SizeArgs): Tensor {
  const [shape, { generator = defaultGenerator, dtype = 'float32', requiresGrad = false }] =
    parseSize('randn', args);
  const data = new Float32Array(numel(shape));
  for (let i = 0; i < data.length; i++) data[i] = generator.normal();
  return new Tensor(data, shape, dtype, requiresGrad);
}

/** Uniform samples in [0, 1). */
export function rand(...args: SizeArgs): Tensor {
  const [shape, { generator = defaultGenerator, dtype = 'float32', requiresGrad = false }] =
    parseSize('rand', args);
  const data = new Float32Array(numel(shape));
  for (let i = 0; i < data.length; i++) data[i] = generator.uniform();
  return new Tensor(data, shape, dtype, requiresGrad);
}

/** Integers uniform in [low, high). */
export function randint(
  low: number,
  high: number,
  shape: readonly number[],
  options: RandomOptions = {},
): Tensor {
  if (!Number.isInteger(low) || !Number.isInteger(high) || high <= low) {
    throw new Error(`randint: need integers low < high, got ${low} and ${high}`);
  }
  const target = checkShape('randint', shape);
  const g = options.generator ?? defaultGenerator;
  const data = new Float32Array(numel(target));
  for (let i = 0; i < data.length; i++) data[i] = g.integer(low, high);
  return new Tensor(data, target, options.dtype ?? 'int32');
}

/** A random permutation of 0..n-1 (Fisher-Yates). */
export function randperm(n: number, options: RandomOptions = {}): Tensor {
  const g = options.generator ?? defaultGenerator;
  const data = Float32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = g.integer(0, i + 1);
    [data[i], data[j]] = [data[j], data[i]];
  }
  return new Tensor(data, [n], 'int32');
}
