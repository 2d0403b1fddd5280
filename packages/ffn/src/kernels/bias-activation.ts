/** The fused bias + activation kernels, dispatched to the active backend (js is the reference). */
import { defineKernel } from '@xf/tensor';
import { biasActivationBackwardGpu, biasActivationForwardGpu } from './bias-activation-gpu.js';
import { biasActivationBackwardJs, biasActivationForwardJs } from './bias-activation-js.js';

export const biasActivationForwardKernel = defineKernel('biasActivationForward', {
  js: biasActivationForwardJs,
  gpu: biasActivationForwardGpu,
});

export const biasActivationBackwardKernel = defineKernel('biasActivationBackward', {
  js: biasActivationBackwardJs,
  gpu: biasActivationBackwardGpu,
});
