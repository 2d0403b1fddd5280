/** Helpers every op file shares: turning numbers into tensors and undoing broadcasting in backward. */
import { getBackend } from '../backends.js';
import { formatShape, numel, reductionSplit, type Shape, sameShape } from '../shape.js';
import { type DType, Tensor, type TensorLike } from '../tensor.js';

export function asTensor(x: TensorLike, op = 'op'): Tensor {
  if (x instanceof Tensor) return x;
  if (typeof x === 'number') return new Tensor(new Float32Array([x]), []);
  throw new TypeError(`${op}: expected a Tensor or a number, got ${describe(x)}`);
}

export function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array (wrap it with tensor(...))';
  if (ArrayBuffer.isView(x)) return `a ${x.constructor.name} (wrap it with tensor(...))`;
  return typeof x === 'object' ? (x.constructor?.name ?? 'object') : typeof x;
}

export function checkTensor(x: unknown, op: string, name = 'input'): Tensor {
  if (!(x instanceof Tensor))
    throw new TypeError(`${op}: ${name} must be a Tensor, got ${describe(x)}`);
  return x;
}

export function make(data: Float32Array, shape: Shape, dtype: DType = 'float32'): Tensor {
  return new Tensor(data, shape, dtype);
}

/**
 * Sums a gradient back down to the shape of the operand that was broadcast to produce it:
 * leading dims that broadcasting added are summed away, stretched size-1 dims are summed with keepdim.
 */
export function sumToShape(g: Tensor, shape: Shape): Tensor {
  if (sameShape(g.shape, shape)) return g;
  if (numel(shape) === 1 && shape.length <= g.ndim) {
    let s = 0;
    for (const v of g.data) s += v;
    return make(new Float32Array([s]), shape);
  }
  const lead = g.ndim - shape.length;
  if (lead < 0) {
    throw new Error(`sumToShape: cannot reduce ${formatShape(g.shape)} to ${formatShape(shape)}`);
  }
  let data = g.data;
  const current = [...g.shape];
  const backend = getBackend();
  for (let d = g.ndim - 1; d >= 0; d--) {
    const target = d < lead ? 1 : shape[d - lead];
    if (current[d] === target) continue;
    if (target !== 1) {
      throw new Error(`sumToShape: cannot reduce ${formatShape(g.shape)} to ${formatShape(shape)}`);
    }
    const [outer, size, inner] = reductionSplit(current, d);
    data = backend.reduce('sum', data, outer, size, inner);
    current[d] = 1;
  }
  return make(data, shape);
}

/** Values must be exact integers (index tensors), checked with the op's name in the error. */
export function checkIndices(
  op: string,
  index: Tensor | ArrayLike<number>,
  size: number,
  dimName: string,
): Int32Array {
  const values = index instanceof Tensor ? index.data : index;
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isInteger(v))
      throw new Error(`${op}: index ${v} at position ${i} is not an integer`);
    if (v < -size || v >= size) {
      throw new Error(`${op}: index ${v} is out of range for ${dimName} of size ${size}`);
    }
    out[i] = v < 0 ? v + size : v;
  }
  return out;
}

export { formatShape };
