import type { Backend, MatmulParams } from '../../backend.js';
import { jsBackend } from '../js/index.js';
import { gemmModule } from './runtime.js';

/**
 * Batched C = op(A) @ op(B) on the SIMD kernel: operands are copied into wasm memory once,
 * each batch's A and B are packed into panels (transposes are just other strides), and a
 * batch that repeats the previous operand reuses its panels.
 */
function matmul(a: Float32Array, b: Float32Array, p: MatmulParams): Float32Array {
  const { m, k, n, aOffsets, bOffsets, transA, transB } = p;
  const batch = aOffsets.length;
  const { exports: wasm, arena } = gemmModule();
  arena.reset();
  const aAt = arena.put(a);
  const bAt = arena.put(b);
  const aPanels = arena.alloc(Math.ceil(m / 6) * 6 * k);
  const bPanels = arena.alloc(Math.ceil(n / 8) * 8 * k);
  const scratch = arena.alloc(48);
  const cAt = arena.alloc(batch * m * n);
  // element (i, l) of op(A) is at i * aRs + l * aCs; element (l, j) of op(B) at l * bRs + j * bCs
  const [aRs, aCs] = transA ? [1, m] : [k, 1];
  const [bRs, bCs] = transB ? [1, k] : [n, 1];
  let packedA = -1;
  let packedB = -1;
  for (let t = 0; t < batch; t++) {
    if (aOffsets[t] !== packedA) {
      wasm.packA(aAt + aOffsets[t] * 4, m, k, aRs, aCs, aPanels);
      packedA = aOffsets[t];
    }
    if (bOffsets[t] !== packedB) {
      wasm.packB(bAt + bOffsets[t] * 4, k, n, bRs, bCs, bPanels);
      packedB = bOffsets[t];
    }
    wasm.gemm(m, n, k, aPanels, bPanels, cAt + t * m * n * 4, scratch);
  }
  return arena.take(cAt, batch * m * n);
}

/**
 * Hand-written WebAssembly SIMD kernels for the CPU: the fast path where no GPU is usable.
 * Kernels it does not (yet) provide run the reference code.
 */
export const wasmBackend: Backend = {
  ...jsBackend,
  name: 'wasm',
  describe: () => 'wasm (hand-written WebAssembly SIMD kernels)',
  matmul,
};
