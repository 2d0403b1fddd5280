/**
 * gpu.js kernels of the fused bias + activation. One source per activation (the activation
 * is spliced in as straight-line code, so no kernel branches on it), flat 1-D outputs.
 */
import { gpuKernels } from '@xf/tensor';
import type { ActivationName } from '../activation-names.js';

/**
 * Kernel code that reads the pre-activation `z` and declares `<p>Value` = act(z) and
 * `<p>Slope` = act'(z), every name it declares starting with the prefix `p`.
 * tanh is written through exp: 1 - 2 / (e^{2u} + 1) saturates cleanly to ±1.
 */
function activationCode(activation: ActivationName, p: string): string {
  switch (activation) {
    case 'relu':
      return `
    const ${p}Value = z > 0 ? z : 0;
    const ${p}Slope = z > 0 ? 1 : 0;`;
    case 'gelu':
      // Φ(z) from erfc (Numerical Recipes' fit), exact to float32 in both tails
      return `
    const ${p}U = Math.abs(z) * 0.7071067811865476;
    const ${p}T = 1 / (1 + 0.5 * ${p}U);
    const ${p}Poly = -1.26551223 + ${p}T * (1.00002368 + ${p}T * (0.37409196 + ${p}T * (0.09678418 +
      ${p}T * (-0.18628806 + ${p}T * (0.27886807 + ${p}T * (-1.13520398 + ${p}T * (1.48851587 +
      ${p}T * (-0.82215223 + ${p}T * 0.17087277))))))));
    const ${p}Half = 0.5 * ${p}T * Math.exp(-${p}U * ${p}U + ${p}Poly);
    const ${p}Cdf = z >= 0 ? 1 - ${p}Half : ${p}Half;
    const ${p}Pdf = 0.3989422804014327 * Math.exp(-0.5 * z * z);
    const ${p}Value = z * ${p}Cdf;
    const ${p}Slope = ${p}Cdf + z * ${p}Pdf;`;
    case 'gelu-tanh':
      return `
    const ${p}Inner = 0.7978845608028654 * (z + 0.044715 * z * z * z);
    const ${p}Tanh = 1 - 2 / (Math.exp(2 * ${p}Inner) + 1);
    const ${p}Value = 0.5 * z * (1 + ${p}Tanh);
    const ${p}Slope = 0.5 * (1 + ${p}Tanh) +
      0.5 * z * (1 - ${p}Tanh * ${p}Tanh) * 0.7978845608028654 * (1 + 0.134145 * z * z);`;
    case 'silu':
      return `
    const ${p}Sig = 1 / (1 + Math.exp(-z));
    const ${p}Value = z * ${p}Sig;
    const ${p}Slope = ${p}Sig * (1 + z * (1 - ${p}Sig));`;
  }
}

/** Kernel lines shared by both passes: z = x[i] + bias[i mod features], then act(z) and act'(z). */
function biasedActivation(activation: ActivationName): string {
  return `const i = this.thread.x;
  const row = Math.floor((i + 0.5) / features);
  const col = i - row * features;
  let z = x[i];
  if (hasBias == 1) {
    z = z + bias[col];
  }
  ${activationCode(activation, 'a')}`;
}

/** y[i] = act(x[i] + bias[i mod features]); hasBias 0 skips the bias. */
export function forwardSource(activation: ActivationName): string {
  return `function (x, bias, features, hasBias) {
  ${biasedActivation(activation)}
  return aValue;
}`;
}

/**
 * dx[i] = g[i] · act'(x[i] + bias[i mod features]). The bias gradient is a column sum of
 * this, left to the engine's reduction: a loop over rows inside this kernel would run for
 * every thread in gpu.js's WebAssembly mode, which evaluates both sides of a branch.
 */
export function backwardSource(activation: ActivationName): string {
  return `function (x, bias, g, features, hasBias) {
  ${biasedActivation(activation)}
  return g[i] * aSlope;
}`;
}

const forwardKernel = gpuKernels(forwardSource);
const backwardKernel = gpuKernels(backwardSource);

// gpu.js wants an array argument even where the kernel never reads it
const NO_BIAS = new Float32Array(1);

export function biasActivationForwardGpu(
  x: Float32Array,
  bias: Float32Array | null,
  features: number,
  activation: ActivationName,
): Float32Array {
  return forwardKernel(activation).run(x.length, x, bias ?? NO_BIAS, features, bias ? 1 : 0);
}

export function biasActivationBackwardGpu(
  x: Float32Array,
  bias: Float32Array | null,
  grad: Float32Array,
  features: number,
  activation: ActivationName,
): Float32Array {
  return backwardKernel(activation).run(x.length, x, bias ?? NO_BIAS, grad, features, bias ? 1 : 0);
}
