/**
 * The kernel interface: what a backend must compute, on flat float32 arrays.
 *
 * Ops (src/ops) own shapes, broadcasting rules, errors and gradients; a backend only
 * fills arrays. `js` is the readable reference; every other backend is tested against it.
 */
import type { StridedLoop } from './shape.js';

export type UnaryOp =
  | 'neg'
  | 'exp'
  | 'log'
  | 'sqrt'
  | 'rsqrt'
  | 'tanh'
  | 'relu'
  | 'sigmoid'
  | 'abs'
  | 'sign'
  | 'erf'
  | 'sin'
  | 'cos'
  | 'reciprocal';

export type BinaryOp =
  | 'add'
  | 'sub'
  | 'mul'
  | 'div'
  | 'pow'
  | 'maximum'
  | 'minimum'
  | 'eq'
  | 'ne'
  | 'lt'
  | 'le'
  | 'gt'
  | 'ge';

export type ReduceOp = 'sum' | 'max' | 'min' | 'argmax' | 'argmin';

/** C[i] = op(A[i]) @ op(B[i]) for each batch i, reading A and B at the given offsets. */
export interface MatmulParams {
  m: number;
  k: number;
  n: number;
  /** Offsets of each batch's A and B in their arrays (broadcast batches repeat an offset). */
  aOffsets: ArrayLike<number>;
  bOffsets: ArrayLike<number>;
  /** A is stored [k, m] (read transposed). */
  transA: boolean;
  /** B is stored [n, k] (read transposed). */
  transB: boolean;
}

export interface Backend {
  readonly name: string;
  /** Human-readable detail, e.g. which gpu.js mode runs underneath. */
  describe(): string;
  /** Resolves once the backend runs at full speed (e.g. its worker threads have started). */
  ready?(): Promise<void>;
  unary(op: UnaryOp, x: Float32Array): Float32Array;
  /** out[i] = a[...] op b[...] over `loop.shape`, with loop.strides = [aStrides, bStrides]. */
  binary(op: BinaryOp, a: Float32Array, b: Float32Array, loop: StridedLoop): Float32Array;
  /** out = cond != 0 ? a : b, with loop.strides = [condStrides, aStrides, bStrides]. */
  where(cond: Float32Array, a: Float32Array, b: Float32Array, loop: StridedLoop): Float32Array;
  /** Reduces x viewed as [outer, size, inner] over its middle axis. */
  reduce(op: ReduceOp, x: Float32Array, outer: number, size: number, inner: number): Float32Array;
  matmul(a: Float32Array, b: Float32Array, p: MatmulParams): Float32Array;
  /** Softmax (or log-softmax) of x viewed as [outer, size, inner] over its middle axis. */
  softmax(x: Float32Array, outer: number, size: number, inner: number, log: boolean): Float32Array;
  /** dx from y = softmax(x) (or log-softmax) and dy, same layout. */
  softmaxBackward(
    y: Float32Array,
    dy: Float32Array,
    outer: number,
    size: number,
    inner: number,
    log: boolean,
  ): Float32Array;
  /** out (contiguous over loop.shape) = x[offset + sum(index * loop.strides[0])]: permute, expand, slice. */
  copyStrided(x: Float32Array, offset: number, loop: StridedLoop): Float32Array;
  /**
   * Optional fused activation(x + bias) with x read as rows of `features` values (bias null:
   * none). Returns null where the backend has no kernel for this case; callers then use their own.
   */
  biasActivation?(
    activation: string,
    x: Float32Array,
    bias: Float32Array | null,
    features: number,
  ): Float32Array | null;
  /** Optional gradient of biasActivation: grad · activation'(x + bias), or null as above. */
  biasActivationBackward?(
    activation: string,
    x: Float32Array,
    bias: Float32Array | null,
    grad: Float32Array,
    features: number,
  ): Float32Array | null;
}
