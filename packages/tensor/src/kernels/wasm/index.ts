import { currentInferenceEpoch, isInferenceMode } from '../../autograd.js';
import type { Backend, MatmulParams } from '../../backend.js';
import { jsBackend } from '../js/index.js';
import { wasmRuntime } from './runtime.js';
import { smallMatmul } from './small-matmul.js';
import { threadPool } from './threads.js';

/** Below this many multiply-adds a product runs on one thread: waking workers costs more. */
const PARALLEL_WORK = 1 << 20;
/**
 * Products with fewer rows than one 6-row tile (a single token while sampling) spend more time
 * copying and packing the other operand than multiplying: they run as plain loops instead.
 */
const MIN_TILE_ROWS = 6;

interface KeptPanels {
  at: number;
  k: number;
  n: number;
  transB: boolean;
}

// Inside inferenceMode weights do not change, so each weight matrix is packed once and kept.
let kept = new Map<Float32Array, KeptPanels>();
let keptEpoch = -1;
/** Smaller right operands are cheap to pack again; keeping them is not worth the memory. */
const KEEP_MIN_FLOATS = 4096;

/** Byte offset of B's packed panels when B is a single matrix kept packed, else null. */
function keptPanels(b: Float32Array, p: MatmulParams): number | null {
  if (!isInferenceMode() || b.length < KEEP_MIN_FLOATS || b.length !== p.k * p.n) return null;
  const { arena, exports: wasm } = wasmRuntime();
  if (keptEpoch !== currentInferenceEpoch()) {
    kept = new Map();
    keptEpoch = currentInferenceEpoch();
    arena.unpinAll();
  }
  const found = kept.get(b);
  if (found && found.k === p.k && found.n === p.n && found.transB === p.transB) return found.at;
  // pack into the pinned area: stage B right after the panels, pack, keep only the panels
  arena.reset();
  const at = arena.alloc(Math.ceil(p.n / 8) * 8 * p.k);
  arena.pinAllocated();
  const staged = arena.put(b);
  const [bRs, bCs] = p.transB ? [1, p.k] : [p.n, 1];
  wasm.packB(staged, p.k, p.n, bRs, bCs, at);
  kept.set(b, { at, k: p.k, n: p.n, transB: p.transB });
  return at;
}

/**
 * Batched C = op(A) @ op(B) on the SIMD kernel. Operands are copied into wasm memory once; the
 * work is cut into one share per thread (whole batches when there are enough, else column
 * blocks of C), and each share packs its own panels (transposes are just other strides).
 */
function matmul(a: Float32Array, b: Float32Array, p: MatmulParams): Float32Array {
  const { m, k, n, aOffsets, bOffsets, transA, transB } = p;
  const kept = keptPanels(b, p);
  if (m < MIN_TILE_ROWS && kept === null) return smallMatmul(a, b, p);
  const batch = aOffsets.length;
  const rt = wasmRuntime();
  const { arena } = rt;
  const pool = threadPool(rt);
  arena.reset();
  const aAt = arena.put(a);
  const bAt = kept === null ? arena.put(b) : 0;
  const aOffAt = arena.putInts(aOffsets);
  const bOffAt = arena.putInts(bOffsets);
  const cAt = arena.alloc(batch * m * n);
  // element (i, l) of op(A) is at i * aRs + l * aCs; element (l, j) of op(B) at l * bRs + j * bCs
  const [aRs, aCs] = transA ? [1, m] : [k, 1];
  const [bRs, bCs] = transB ? [1, k] : [n, 1];

  const threads = batch * m * n * k >= PARALLEL_WORK ? pool.size : 1;
  const shares: [number, number, number, number][] = []; // [firstBatch, endBatch, j0, j1]
  if (threads === 1) {
    shares.push([0, batch, 0, n]);
  } else if (batch >= threads) {
    for (let s = 0; s < threads; s++) {
      const from = Math.floor((s * batch) / threads);
      const to = Math.floor(((s + 1) * batch) / threads);
      if (to > from) shares.push([from, to, 0, n]);
    }
  } else {
    const panels = Math.ceil(n / 8);
    for (let s = 0; s < threads; s++) {
      const from = Math.floor((s * panels) / threads) * 8;
      const to = Math.min(n, Math.floor(((s + 1) * panels) / threads) * 8);
      if (to > from) shares.push([0, batch, from, to]);
    }
  }
  const descriptors = shares.map(([t0, t1, j0, j1]) => {
    const d = arena.alloc(20);
    const aPanels = arena.alloc(Math.ceil(m / 6) * 6 * k);
    const bPanels = kept ?? arena.alloc(Math.ceil((j1 - j0) / 8) * 8 * k);
    const scratch = arena.alloc(48);
    const words = [
      m,
      n,
      k,
      aAt,
      bAt,
      cAt,
      aRs,
      aCs,
      bRs,
      bCs,
      t0,
      t1,
      aOffAt,
      bOffAt,
      j0,
      j1,
      aPanels,
      bPanels,
      scratch,
    ];
    arena.i32.set([...words, kept === null ? 0 : 1], d >> 2);
    return d;
  });
  pool.run(descriptors, (d) => rt.exports.matmulRange(d));
  return arena.take(cAt, batch * m * n);
}

/** x as rows of `features` for the 4-lane kernels: null when the rows do not split into lanes. */
function lanes(
  x: Float32Array,
  bias: Float32Array | null,
  features: number,
): [number, number] | null {
  if (bias)
    return features % 4 === 0 && x.length % features === 0 ? [x.length / features, features] : null;
  return x.length % 4 === 0 && x.length > 0 ? [1, x.length] : null;
}

function biasActivation(
  activation: string,
  x: Float32Array,
  bias: Float32Array | null,
  features: number,
) {
  const shape = activation === 'gelu' ? lanes(x, bias, features) : null;
  if (!shape) return null;
  const { arena, activation: kernels } = wasmRuntime();
  arena.reset();
  const xAt = arena.put(x);
  const bAt = bias ? arena.put(bias) : 0;
  const yAt = arena.alloc(x.length);
  kernels.geluForward(xAt, bAt, yAt, shape[0], shape[1]);
  return arena.take(yAt, x.length);
}

function biasActivationBackward(
  activation: string,
  x: Float32Array,
  bias: Float32Array | null,
  grad: Float32Array,
  features: number,
) {
  const shape = activation === 'gelu' ? lanes(x, bias, features) : null;
  if (!shape) return null;
  const { arena, activation: kernels } = wasmRuntime();
  arena.reset();
  const xAt = arena.put(x);
  const bAt = bias ? arena.put(bias) : 0;
  const gAt = arena.put(grad);
  const dxAt = arena.alloc(x.length);
  kernels.geluBackward(xAt, bAt, gAt, dxAt, shape[0], shape[1]);
  return arena.take(dxAt, x.length);
}

/**
 * Hand-written WebAssembly SIMD kernels for the CPU, on worker threads in Node: the fast path
 * where no GPU is usable. Kernels it does not provide run the reference code.
 */
export const wasmBackend: Backend = {
  ...jsBackend,
  name: 'wasm',
  describe: () => {
    const threads = threadPool(wasmRuntime()).ready();
    return `wasm (hand-written WebAssembly SIMD kernels, ${threads} thread${threads === 1 ? '' : 's'})`;
  },
  matmul,
  biasActivation,
  biasActivationBackward,
  ready: async () => {
    const pool = threadPool(wasmRuntime());
    for (let waited = 0; pool.ready() < pool.size && waited < 10_000; waited += 5) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  },
};
