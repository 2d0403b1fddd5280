/**
 * The attention kernels, chosen by the active @xf/tensor backend: `js` runs the readable
 * loops, `gpu` the gpu.js launches. Both take and give flat arrays laid out by `AttentionLayout`.
 */
import { defineKernel } from '@xf/tensor';
import { backwardGpu, forwardGpu } from './gpu.js';
import { backwardJs, forwardJs } from './js.js';
import type { BackwardKernel, ForwardKernel } from './layout.js';

export const attentionForward = defineKernel<ForwardKernel>('attentionForward', {
  js: forwardJs,
  gpu: forwardGpu,
});

export const attentionBackward = defineKernel<BackwardKernel>('attentionBackward', {
  js: backwardJs,
  gpu: backwardGpu,
});

export * from './layout.js';
