/**
 * The Tensor: a shape over contiguous float32 storage, plus what autograd needs
 * (requiresGrad, grad, and the GradFn that produced it). Ops are free functions in
 * src/ops; the methods here are the same ops, for chaining (`x.matmul(w).add(b)`).
 */
import { type GradFn, isGradEnabled, isInferenceMode, runBackward } from './autograd.js';
import { formatTensor } from './format.js';
import * as E from './ops/elementwise.js';
import * as I from './ops/indexing.js';
import * as M from './ops/matmul.js';
import * as R from './ops/reduce.js';
import * as S from './ops/shape.js';
import * as Sm from './ops/softmax.js';
import { formatShape, numel, type Shape } from './shape.js';

/**
 * Storage is always a Float32Array; `dtype` says how to read it. Integer (index) and
 * boolean (mask) tensors hold exact small integers and 0/1 in that storage.
 */
export type DType = 'float32' | 'int32' | 'bool';

export type TensorLike = Tensor | number;

export class Tensor {
  readonly shape: readonly number[];
  /** Contiguous row-major values. Writing to it bypasses autograd, like `p.data` in PyTorch. */
  data: Float32Array;
  readonly dtype: DType;
  requiresGrad: boolean;
  /** Accumulated gradient after `backward()`; null until then. */
  grad: Tensor | null = null;
  /** How this tensor was computed, for autograd; null for leaves. */
  gradFn: GradFn | null = null;
  /** Set by `retainGrad()`: keep `.grad` on a non-leaf tensor too. */
  retainsGrad = false;

  constructor(data: Float32Array, shape: Shape, dtype: DType = 'float32', requiresGrad = false) {
    if (data.length !== numel(shape)) {
      throw new Error(
        `Tensor: ${data.length} values do not fill shape ${formatShape(shape)} (${numel(shape)} values)`,
      );
    }
    if (requiresGrad && dtype !== 'float32') {
      throw new Error(`Tensor: only float32 tensors can require gradients, not ${dtype}`);
    }
    this.data = data;
    this.shape = Object.freeze([...shape]);
    this.dtype = dtype;
    this.requiresGrad = requiresGrad;
  }

  get ndim(): number {
    return this.shape.length;
  }

  /** Number of dimensions, as `torch.Tensor.dim()`. */
  dim(): number {
    return this.shape.length;
  }

  /** The whole shape, or the size of one dimension (negative dims count from the end). */
  size(): number[];
  size(dim: number): number;
  size(dim?: number): number[] | number {
    if (dim === undefined) return [...this.shape];
    return this.shape[S.dimIndex('size', dim, this.ndim)];
  }

  numel(): number {
    return this.data.length;
  }

  /** A leaf is a tensor autograd did not compute: user-created data and parameters. */
  get isLeaf(): boolean {
    return this.gradFn === null;
  }

  item(): number {
    if (this.data.length !== 1) {
      throw new Error(
        `item: only one-element tensors can be converted to a number, got shape ${formatShape(this.shape)}`,
      );
    }
    return this.data[0];
  }

  /** Nested arrays of numbers (a number for a 0-d tensor; booleans for bool tensors). */
  toArray(): unknown {
    const toValue = this.dtype === 'bool' ? (v: number) => v !== 0 : (v: number) => v;
    const build = (dim: number, offset: number): unknown => {
      if (dim === this.ndim) return toValue(this.data[offset]);
      const stride = numel(this.shape.slice(dim + 1));
      return Array.from({ length: this.shape[dim] }, (_, i) => build(dim + 1, offset + i * stride));
    };
    return build(0, 0);
  }

  /** Same as toArray(), PyTorch's name. */
  tolist(): unknown {
    return this.toArray();
  }

  backward(gradient?: Tensor): void {
    runBackward(this, gradient, (data, shape) => new Tensor(data, shape));
  }

  /** Keep this non-leaf tensor's gradient after backward(). */
  retainGrad(): this {
    if (!this.requiresGrad)
      throw new Error("retainGrad: can't retain grad on a tensor that doesn't require grad");
    this.retainsGrad = true;
    return this;
  }

  /** Sets requiresGrad in place, as `requires_grad_()`; only for leaves. */
  requiresGrad_(flag = true): this {
    if (!this.isLeaf && !flag) {
      throw new Error(
        'requiresGrad_: only leaf tensors can have requiresGrad changed; use detach()',
      );
    }
    if (flag && this.dtype !== 'float32') {
      throw new Error(
        `requiresGrad_: only float32 tensors can require gradients, not ${this.dtype}`,
      );
    }
    this.requiresGrad = flag;
    return this;
  }

  /** The same values, cut off from the graph (shares storage, like PyTorch). */
  detach(): Tensor {
    return new Tensor(this.data, this.shape, this.dtype);
  }

  /** A copy of the values; gradients flow back to this tensor. */
  clone(): Tensor {
    return S.clone(this);
  }

  /** Reinterprets the values with another dtype tag (values are checked for int32/bool). */
  to(dtype: DType): Tensor {
    return S.toDType(this, dtype);
  }

  float(): Tensor {
    return this.to('float32');
  }

  toString(): string {
    return formatTensor(this);
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return formatTensor(this);
  }

  // in-place updates for optimizers and initialisation: they bypass autograd
  private checkInPlace(op: string): void {
    if (isInferenceMode()) {
      throw new Error(`${op}: tensors cannot be modified in place inside inferenceMode`);
    }
    if (this.requiresGrad && this.isLeaf && isGradEnabled()) {
      throw new Error(
        `${op}: a leaf tensor that requires grad cannot be modified in place while grad is enabled (wrap it in noGrad)`,
      );
    }
  }

  zero_(): this {
    return this.fill_(0);
  }

  fill_(value: number): this {
    this.checkInPlace('fill_');
    this.data.fill(value);
    return this;
  }

  /** Copies src's values into this tensor (shapes must match exactly). */
  copy_(src: Tensor): this {
    this.checkInPlace('copy_');
    if (
      src.numel() !== this.numel() ||
      src.ndim !== this.ndim ||
      src.shape.some((d, i) => d !== this.shape[i])
    ) {
      throw new Error(
        `copy_: source shape ${formatShape(src.shape)} does not match ${formatShape(this.shape)}`,
      );
    }
    this.data.set(src.data);
    return this;
  }

  // --- elementwise ---
  add(other: TensorLike, alpha?: number): Tensor {
    return E.add(this, other, alpha);
  }
  sub(other: TensorLike, alpha?: number): Tensor {
    return E.sub(this, other, alpha);
  }
  mul(other: TensorLike): Tensor {
    return E.mul(this, other);
  }
  div(other: TensorLike): Tensor {
    return E.div(this, other);
  }
  pow(exponent: TensorLike): Tensor {
    return E.pow(this, exponent);
  }
  neg(): Tensor {
    return E.neg(this);
  }
  exp(): Tensor {
    return E.exp(this);
  }
  log(): Tensor {
    return E.log(this);
  }
  sqrt(): Tensor {
    return E.sqrt(this);
  }
  rsqrt(): Tensor {
    return E.rsqrt(this);
  }
  tanh(): Tensor {
    return E.tanh(this);
  }
  relu(): Tensor {
    return E.relu(this);
  }
  sigmoid(): Tensor {
    return E.sigmoid(this);
  }
  abs(): Tensor {
    return E.abs(this);
  }
  sign(): Tensor {
    return E.sign(this);
  }
  erf(): Tensor {
    return E.erf(this);
  }
  sin(): Tensor {
    return E.sin(this);
  }
  cos(): Tensor {
    return E.cos(this);
  }
  reciprocal(): Tensor {
    return E.reciprocal(this);
  }
  square(): Tensor {
    return E.square(this);
  }
  maximum(other: TensorLike): Tensor {
    return E.maximum(this, other);
  }
  minimum(other: TensorLike): Tensor {
    return E.minimum(this, other);
  }
  clamp(min?: number | null, max?: number | null): Tensor {
    return E.clamp(this, min, max);
  }
  eq(other: TensorLike): Tensor {
    return E.eq(this, other);
  }
  ne(other: TensorLike): Tensor {
    return E.ne(this, other);
  }
  lt(other: TensorLike): Tensor {
    return E.lt(this, other);
  }
  le(other: TensorLike): Tensor {
    return E.le(this, other);
  }
  gt(other: TensorLike): Tensor {
    return E.gt(this, other);
  }
  ge(other: TensorLike): Tensor {
    return E.ge(this, other);
  }
  logicalNot(): Tensor {
    return E.logicalNot(this);
  }
  logicalAnd(other: Tensor): Tensor {
    return E.logicalAnd(this, other);
  }
  logicalOr(other: Tensor): Tensor {
    return E.logicalOr(this, other);
  }
  maskedFill(mask: Tensor, value: number): Tensor {
    return E.maskedFill(this, mask, value);
  }
  isnan(): Tensor {
    return E.isnan(this);
  }
  isfinite(): Tensor {
    return E.isfinite(this);
  }

  // --- reductions ---
  sum(dim?: number | number[] | null, keepdim?: boolean): Tensor {
    return R.sum(this, dim, keepdim);
  }
  mean(dim?: number | number[] | null, keepdim?: boolean): Tensor {
    return R.mean(this, dim, keepdim);
  }
  amax(dim?: number | number[] | null, keepdim?: boolean): Tensor {
    return R.amax(this, dim, keepdim);
  }
  amin(dim?: number | number[] | null, keepdim?: boolean): Tensor {
    return R.amin(this, dim, keepdim);
  }
  max(): Tensor;
  max(dim: number, keepdim?: boolean): R.ValuesIndices;
  max(dim?: number, keepdim?: boolean): Tensor | R.ValuesIndices {
    return dim === undefined ? R.max(this) : R.max(this, dim, keepdim);
  }
  min(): Tensor;
  min(dim: number, keepdim?: boolean): R.ValuesIndices;
  min(dim?: number, keepdim?: boolean): Tensor | R.ValuesIndices {
    return dim === undefined ? R.min(this) : R.min(this, dim, keepdim);
  }
  argmax(dim?: number, keepdim?: boolean): Tensor {
    return R.argmax(this, dim, keepdim);
  }
  argmin(dim?: number, keepdim?: boolean): Tensor {
    return R.argmin(this, dim, keepdim);
  }
  var(dim?: number | number[] | null, options?: R.VarOptions): Tensor {
    return R.variance(this, dim, options);
  }
  std(dim?: number | number[] | null, options?: R.VarOptions): Tensor {
    return R.std(this, dim, options);
  }
  logsumexp(dim: number | number[], keepdim?: boolean): Tensor {
    return R.logsumexp(this, dim, keepdim);
  }

  // --- linear algebra, softmax ---
  matmul(other: Tensor): Tensor {
    return M.matmul(this, other);
  }
  softmax(dim: number): Tensor {
    return Sm.softmax(this, dim);
  }
  logSoftmax(dim: number): Tensor {
    return Sm.logSoftmax(this, dim);
  }

  // --- shape ---
  reshape(...shape: number[] | [number[]]): Tensor {
    return S.reshape(this, S.shapeArgs(shape));
  }
  view(...shape: number[] | [number[]]): Tensor {
    return S.view(this, S.shapeArgs(shape));
  }
  flatten(startDim?: number, endDim?: number): Tensor {
    return S.flatten(this, startDim, endDim);
  }
  unsqueeze(dim: number): Tensor {
    return S.unsqueeze(this, dim);
  }
  squeeze(dim?: number): Tensor {
    return S.squeeze(this, dim);
  }
  permute(...dims: number[] | [number[]]): Tensor {
    return S.permute(this, S.shapeArgs(dims));
  }
  transpose(dim0: number, dim1: number): Tensor {
    return S.transpose(this, dim0, dim1);
  }
  /** Transpose of a 2-D tensor (or a 1-D tensor unchanged). */
  t(): Tensor {
    return S.t(this);
  }
  /** Swaps the last two dims (PyTorch's `.mT`). */
  get mT(): Tensor {
    return S.transpose(this, -2, -1);
  }
  expand(...shape: number[] | [number[]]): Tensor {
    return S.expand(this, S.shapeArgs(shape));
  }
  contiguous(): Tensor {
    return this;
  }
  narrow(dim: number, start: number, length: number): Tensor {
    return S.narrow(this, dim, start, length);
  }
  slice(dim: number, start?: number | null, end?: number | null, step?: number): Tensor {
    return S.slice(this, dim, start, end, step);
  }
  select(dim: number, index: number): Tensor {
    return S.select(this, dim, index);
  }
  split(splitSizeOrSections: number | number[], dim?: number): Tensor[] {
    return S.split(this, splitSizeOrSections, dim);
  }
  chunk(chunks: number, dim?: number): Tensor[] {
    return S.chunk(this, chunks, dim);
  }
  repeat(...repeats: number[] | [number[]]): Tensor {
    return S.repeat(this, S.shapeArgs(repeats));
  }
  tril(diagonal?: number): Tensor {
    return S.tril(this, diagonal);
  }
  triu(diagonal?: number): Tensor {
    return S.triu(this, diagonal);
  }

  // --- indexing ---
  gather(dim: number, index: Tensor): Tensor {
    return I.gather(this, dim, index);
  }
  indexSelect(dim: number, index: Tensor | ArrayLike<number>): Tensor {
    return I.indexSelect(this, dim, index);
  }
}
