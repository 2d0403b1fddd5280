/**
 * The fused bias + activation kernels, dispatched to the active backend (js is the reference).
 * A backend with kernels of its own for some activations (the wasm backend's SIMD GELU) is
 * asked first; whatever it does not cover runs the reference loops.
 */
import { type Backend, defineKernel, getBackend } from '@xf/tensor';
import type { ActivationName } from '../activation-names.js';
import { biasActivationBackwardGpu, biasActivationForwardGpu } from './bias-activation-gpu.js';
import { biasActivationBackwardJs, biasActivationForwardJs } from './bias-activation-js.js';

function backendForward(
  x: Float32Array,
  bias: Float32Array | null,
  features: number,
  activation: ActivationName,
) {
  const backend: Backend = getBackend();
  return (
    backend.biasActivation?.(activation, x, bias, features) ??
    biasActivationForwardJs(x, bias, features, activation)
  );
}

function backendBackward(
  x: Float32Array,
  bias: Float32Array | null,
  grad: Float32Array,
  features: number,
  activation: ActivationName,
) {
  const backend: Backend = getBackend();
  return (
    backend.biasActivationBackward?.(activation, x, bias, grad, features) ??
    biasActivationBackwardJs(x, bias, grad, features, activation)
  );
}

export const biasActivationForwardKernel = defineKernel('biasActivationForward', {
  js: biasActivationForwardJs,
  gpu: biasActivationForwardGpu,
  wasm: backendForward,
});

export const biasActivationBackwardKernel = defineKernel('biasActivationBackward', {
  js: biasActivationBackwardJs,
  gpu: biasActivationBackwardGpu,
  wasm: backendBackward,
});
