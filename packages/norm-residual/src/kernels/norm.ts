/** The fused normalisation kernels, dispatched to the active backend (js is the reference). */
import { defineKernel } from '@xf/tensor';
import { normBackwardGpu, normForwardGpu } from './norm-gpu.js';
import { normBackwardJs, normForwardJs } from './norm-js.js';

export const normForwardKernel = defineKernel('normForward', {
  js: normForwardJs,
  gpu: normForwardGpu,
});

export const normBackwardKernel = defineKernel('normBackward', {
  js: normBackwardJs,
  gpu: normBackwardGpu,
});
