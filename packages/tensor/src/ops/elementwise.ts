/**
 * Elementwise ops. Each forward is one backend kernel; each gradient sits beside it,
 * written with the same ops. Binary ops broadcast like PyTorch, and their gradients
 * are summed back to each operand's shape.
 */
import { recordOp } from '../autograd.js';
import type { BinaryOp, UnaryOp } from '../backend.js';
import { getBackend } from '../backends.js';
import { broadcastShapes, broadcastStrides, collapseDims } from '../shape.js';
import type { DType, Tensor, TensorLike } from '../tensor.js';
import { asTensor, checkTensor, make, sumToShape } from './core.js';

type UnaryGrad = (g: Tensor, x: Tensor, y: Tensor) => Tensor;

function unary(op: UnaryOp, x: Tensor, grad: UnaryGrad | null): Tensor {
  checkTensor(x, op);
  const y = make(getBackend().unary(op, x.data), x.shape);
  if (grad) recordOp(op, y, [x], (g) => [grad(g, x, y)]);
  return y;
}

export const neg = (x: Tensor): Tensor => unary('neg', x, (g) => neg(g));
/** d/dx e^x = e^x */
export const exp = (x: Tensor): Tensor => unary('exp', x, (g, _x, y) => mul(g, y));
/** d/dx ln x = 1/x */
export const log = (x: Tensor): Tensor => unary('log', x, (g, xx) => div(g, xx));
/** d/dx √x = 1/(2√x) */
export const sqrt = (x: Tensor): Tensor => unary('sqrt', x, (g, _x, y) => div(g, mul(y, 2)));
/** d/dx x^(-1/2) = -x^(-3/2)/2 = -y³/2 */
export const rsqrt = (x: Tensor): Tensor =>
  unary('rsqrt', x, (g, _x, y) => mul(g, mul(pow(y, 3), -0.5)));
/** d/dx tanh x = 1 - tanh² x */
export const tanh = (x: Tensor): Tensor =>
  unary('tanh', x, (g, _x, y) => mul(g, sub(1, mul(y, y))));
/** relu passes the gradient where x > 0 */
export const relu = (x: Tensor): Tensor => unary('relu', x, (g, xx) => mul(g, gt(xx, 0)));
/** d/dx σ(x) = σ(x)(1 - σ(x)) */
export const sigmoid = (x: Tensor): Tensor =>
  unary('sigmoid', x, (g, _x, y) => mul(g, mul(y, sub(1, y))));
/** d/dx |x| = sign(x) (0 at 0, as PyTorch) */
export const abs = (x: Tensor): Tensor => unary('abs', x, (g, xx) => mul(g, sign(xx)));
export const sign = (x: Tensor): Tensor => unary('sign', x, (g) => mul(g, 0));
/** d/dx erf x = 2/√π e^(-x²) */
export const erf = (x: Tensor): Tensor =>
  unary('erf', x, (g, xx) => mul(g, mul(exp(neg(mul(xx, xx))), 2 / Math.sqrt(Math.PI))));
export const sin = (x: Tensor): Tensor => unary('sin', x, (g, xx) => mul(g, cos(xx)));
export const cos = (x: Tensor): Tensor => unary('cos', x, (g, xx) => mul(g, neg(sin(xx))));
/** d/dx 1/x = -1/x² = -y² */
export const reciprocal = (x: Tensor): Tensor =>
  unary('reciprocal', x, (g, _x, y) => mul(g, neg(mul(y, y))));
export const square = (x: Tensor): Tensor => mul(x, x);

type BinaryGrad = (g: Tensor, a: Tensor, b: Tensor, out: Tensor) => [Tensor | null, Tensor | null];

function binary(
  op: BinaryOp,
  a: TensorLike,
  b: TensorLike,
  grad: BinaryGrad | null,
  dtype: DType = 'float32',
): Tensor {
  const x = asTensor(a, op);
  const y = asTensor(b, op);
  const shape = broadcastShapes(op, x.shape, y.shape);
  const loop = collapseDims(shape, [
    broadcastStrides(x.shape, shape),
    broadcastStrides(y.shape, shape),
  ]);
  const out = make(getBackend().binary(op, x.data, y.data, loop), shape, dtype);
  if (grad) {
    recordOp(op, out, [x, y], (g) => {
      const [ga, gb] = grad(g, x, y, out);
      return [ga && sumToShape(ga, x.shape), gb && sumToShape(gb, y.shape)];
    });
  }
  return out;
}

/** a + alpha * b */
export function add(a: TensorLike, b: TensorLike, alpha?: number): Tensor {
  if (alpha !== undefined && alpha !== 1) return add(a, mul(b, alpha));
  return binary('add', a, b, (g) => [g, g]);
}

/** a - alpha * b */
export function sub(a: TensorLike, b: TensorLike, alpha?: number): Tensor {
  if (alpha !== undefined && alpha !== 1) return sub(a, mul(b, alpha));
  return binary('sub', a, b, (g) => [g, neg(g)]);
}

export function mul(a: TensorLike, b: TensorLike): Tensor {
  return binary('mul', a, b, (g, x, y) => [
    x.requiresGrad ? mul(g, y) : null,
    y.requiresGrad ? mul(g, x) : null,
  ]);
}

/** d(a/b)/da = 1/b, d(a/b)/db = -a/b² */
export function div(a: TensorLike, b: TensorLike): Tensor {
  return binary('div', a, b, (g, x, y) => [
    x.requiresGrad ? div(g, y) : null,
    y.requiresGrad ? neg(div(mul(g, x), mul(y, y))) : null,
  ]);
}

/** d(a^b)/da = b a^(b-1) (0 where b = 0), d(a^b)/db = a^b ln a */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  return binary('pow', a, b, (g, x, y, out) => [
    x.requiresGrad ? mul(g, where(eq(y, 0), 0, mul(y, pow(x, sub(y, 1))))) : null,
    y.requiresGrad ? mul(g, mul(out, log(x))) : null,
  ]);
}

/** The larger of a and b; at ties each side gets half the gradient (as PyTorch). */
export function maximum(a: TensorLike, b: TensorLike): Tensor {
  return binary('maximum', a, b, (g, x, y) => {
    const share = where(eq(x, y), 0.5, 1);
    return [mul(g, mul(share, ge(x, y))), mul(g, mul(share, ge(y, x)))];
  });
}

export function minimum(a: TensorLike, b: TensorLike): Tensor {
  return binary('minimum', a, b, (g, x, y) => {
    const share = where(eq(x, y), 0.5, 1);
    return [mul(g, mul(share, le(x, y))), mul(g, mul(share, le(y, x)))];
  });
}

/** Limits values to [min, max]; the gradient passes where min <= x <= max. */
export function clamp(x: Tensor, min?: number | null, max?: number | null): Tensor {
  checkTensor(x, 'clamp');
  const hasMin = min !== undefined && min !== null;
  const hasMax = max !== undefined && max !== null;
  if (!hasMin && !hasMax) throw new Error('clamp: at least one of min or max must be given');
  let y = x;
  if (hasMin) y = binary('maximum', y, min, null);
  if (hasMax) y = binary('minimum', y, max, null);
  const out = make(y.data, y.shape);
  return recordOp('clamp', out, [x], (g) => {
    let pass: Tensor = g;
    if (hasMin) pass = mul(pass, ge(x, min));
    if (hasMax) pass = mul(pass, le(x, max));
    return [pass];
  });
}

export const eq = (a: TensorLike, b: TensorLike): Tensor => binary('eq', a, b, null, 'bool');
export const ne = (a: TensorLike, b: TensorLike): Tensor => binary('ne', a, b, null, 'bool');
export const lt = (a: TensorLike, b: TensorLike): Tensor => binary('lt', a, b, null, 'bool');
export const le = (a: TensorLike, b: TensorLike): Tensor => binary('le', a, b, null, 'bool');
export const gt = (a: TensorLike, b: TensorLike): Tensor => binary('gt', a, b, null, 'bool');
export const ge = (a: TensorLike, b: TensorLike): Tensor => binary('ge', a, b, null, 'bool');

export const logicalNot = (x: Tensor): Tensor => eq(x, 0);
export const logicalAnd = (a: Tensor, b: Tensor): Tensor =>
  binary('mul', ne(a, 0), ne(b, 0), null, 'bool');
export const logicalOr = (a: Tensor, b: Tensor): Tensor =>
  ne(binary('add', ne(a, 0), ne(b, 0), null), 0);

export const isnan = (x: Tensor): Tensor => ne(x, x);

export function isfinite(x: Tensor): Tensor {
  checkTensor(x, 'isfinite');
  const out = new Float32Array(x.data.length);
  for (let i = 0; i < out.length; i++) out[i] = Number.isFinite(x.data[i]) ? 1 : 0;
  return make(out, x.shape, 'bool');
}

/** cond ? a : b, elementwise with broadcasting over all three. */
export function where(cond: Tensor, a: TensorLike, b: TensorLike): Tensor {
  checkTensor(cond, 'where', 'condition');
  const x = asTensor(a, 'where');
  const y = asTensor(b, 'where');
  const shape = broadcastShapes('where', broadcastShapes('where', cond.shape, x.shape), y.shape);
  const loop = collapseDims(
    shape,
    [cond, x, y].map((t) => broadcastStrides(t.shape, shape)),
  );
  const dtype = x.dtype === y.dtype ? x.dtype : 'float32';
  const out = make(getBackend().where(cond.data, x.data, y.data, loop), shape, dtype);
  return recordOp('where', out, [x, y], (g) => [
    x.requiresGrad ? sumToShape(where(cond, g, 0), x.shape) : null,
    y.requiresGrad ? sumToShape(where(cond, 0, g), y.shape) : null,
  ]);
}

/** Fills `value` where mask is true (mask broadcasts to x), as `masked_fill`. */
export function maskedFill(x: Tensor, mask: Tensor, value: number): Tensor {
  checkTensor(x, 'maskedFill');
  checkTensor(mask, 'maskedFill', 'mask');
  const shape = broadcastShapes('maskedFill', x.shape, mask.shape);
  if (shape.length !== x.ndim || shape.some((d, i) => d !== x.shape[i])) {
    throw new Error(
      `maskedFill: mask of shape [${mask.shape.join(', ')}] must broadcast to the input's shape [${x.shape.join(', ')}]`,
    );
  }
  return where(mask, value, x);
}
