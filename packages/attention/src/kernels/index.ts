/**
 * The attention kernels, chosen by the active @xf/tensor backend: `js` runs the readable
 * loops, `gpu` the gpu.js launches, `wasm` the backend's SIMD matmul around one host pass.
 * All take and give flat arrays laid out by `AttentionLayout`.
 */
import { defineKernel } from '@xf/tensor';
import { backwardGpu, forwardGpu } from './gpu.js';
import { backwardJs, forwardJs } from './js.js';
import type { BackwardKernel, ForwardKernel } from './layout.js';
import { backwardMatmul, forwardMatmul } from './matmul-path.js';

export const attentionForward = defineKernel<ForwardKernel>('attentionForward', {
  js: forwardJs,
  gpu: forwardGpu,
  wasm: forwardMatmul,
});

export const attentionBackward = defineKernel<BackwardKernel>('attentionBackward', {
  js: backwardJs,
  gpu: backwardGpu,
  wasm: backwardMatmul,
});

export * from './layout.js';
