import type { Backend, BinaryOp, MatmulParams, ReduceOp, UnaryOp } from '../../backend.js';
import type { StridedLoop } from '../../shape.js';
import { numel } from '../../shape.js';
import { jsBackend } from '../js/index.js';
import { activeGpuMode, type GpuKernel, gpuKernel, gpuKernels } from './runtime.js';
import {
  binarySource,
  copyStridedSource,
  matmulSource,
  reduceSource,
  rowDotSource,
  rowLogSumExpSource,
  softmaxBackwardSource,
  softmaxOutSource,
  unarySource,
  whereSource,
} from './sources.js';

const MAX_RANK = 4;

const unaryKernel = gpuKernels((op: UnaryOp) => unarySource(op));
const binaryKernel = gpuKernels((op: BinaryOp) => binarySource(op));
const whereKernel = gpuKernel(whereSource);
const copyKernel = gpuKernel(copyStridedSource);
const reduceKernel = gpuKernel(reduceSource);
const matmulKernel = gpuKernel(matmulSource);
const rowLogSumExpKernel = gpuKernel(rowLogSumExpSource);
const softmaxOutKernel = gpuKernel(softmaxOutSource);
const rowDotKernel = gpuKernel(rowDotSource);
const softmaxBackwardKernel = gpuKernel(softmaxBackwardSource);

const reduceCodes: Record<ReduceOp, number> = { sum: 0, max: 1, min: 2, argmax: 3, argmin: 4 };

/** Right-aligns a collapsed loop into exactly four dims (leading size-1 dims, stride 0). */
function padLoop(loop: StridedLoop): { shape: number[]; strides: number[][] } | null {
  if (loop.shape.length > MAX_RANK) return null;
  const pad = MAX_RANK - loop.shape.length;
  return {
    shape: [...new Array(pad).fill(1), ...loop.shape],
    strides: loop.strides.map((s) => [...new Array(pad).fill(0), ...s]),
  };
}

function runLoop(
  kernel: GpuKernel,
  loop: StridedLoop,
  operands: (Float32Array | number)[],
): Float32Array | null {
  const padded = padLoop(loop);
  if (!padded) return null;
  return kernel.run(numel(loop.shape), ...operands, padded.shape, ...padded.strides);
}

function softmaxRows(x: Float32Array, outer: number, size: number, inner: number) {
  const rowMax = reduceKernel.run(outer * inner, x, size, inner, reduceCodes.max);
  // a fully masked row (all -inf) keeps PyTorch's NaN result rather than inf - inf
  for (let i = 0; i < rowMax.length; i++) if (rowMax[i] === Number.NEGATIVE_INFINITY) rowMax[i] = 0;
  return rowMax;
}

/**
 * gpu.js kernels. gpu.js compiles each to the best mode it finds: WebGL2/WebGL in a browser,
 * headless-gl in Node when the `gl` addon is built, else WebAssembly SIMD, else plain JS.
 * Loops of more than four (collapsed) dims fall back to the reference kernels.
 */
export const gpuBackend: Backend = {
  name: 'gpu',
  describe: () => `gpu (gpu.js ${activeGpuMode()} mode)`,
  unary: (op, x) => unaryKernel(op).run(x.length, x),
  binary: (op, a, b, loop) =>
    runLoop(binaryKernel(op), loop, [a, b]) ?? jsBackend.binary(op, a, b, loop),
  where: (c, a, b, loop) => runLoop(whereKernel, loop, [c, a, b]) ?? jsBackend.where(c, a, b, loop),
  copyStrided: (x, offset, loop) =>
    runLoop(copyKernel, loop, [x, offset]) ?? jsBackend.copyStrided(x, offset, loop),
  reduce: (op, x, outer, size, inner) => {
    if (size === 0) return jsBackend.reduce(op, x, outer, size, inner);
    return reduceKernel.run(outer * inner, x, size, inner, reduceCodes[op]);
  },
  matmul: (a, b, p: MatmulParams) => {
    const { m, k, n, transA, transB } = p;
    const [aRow, aCol] = transA ? [1, m] : [k, 1];
    const [bRow, bCol] = transB ? [1, k] : [n, 1];
    return matmulKernel.run(
      p.aOffsets.length * m * n,
      a,
      b,
      Array.from(p.aOffsets),
      Array.from(p.bOffsets),
      m,
      k,
      n,
      aRow,
      aCol,
      bRow,
      bCol,
    );
  },
  softmax: (x, outer, size, inner, log) => {
    const rowMax = softmaxRows(x, outer, size, inner);
    const rowLse = rowLogSumExpKernel.run(outer * inner, x, rowMax, size, inner);
    return softmaxOutKernel.run(x.length, x, rowMax, rowLse, size, inner, log ? 1 : 0);
  },
  softmaxBackward: (y, dy, outer, size, inner, log) => {
    const rowDot = rowDotKernel.run(outer * inner, y, dy, size, inner, log ? 1 : 0);
    return softmaxBackwardKernel.run(y.length, y, dy, rowDot, size, inner, log ? 1 : 0);
  },
};
