/**
 * Each activation as a scalar function and its derivative: the reference the kernels
 * implement. GELU(z) = z Φ(z), where Φ is the standard normal CDF; its tanh form replaces
 * Φ(z) by ½(1 + tanh(√(2/π)(z + 0.044715 z³))). SiLU(z) = z σ(z).
 */
import { erfcOfNonNegative } from '@xf/tensor';
import type { ActivationName } from '../activation-names.js';

export interface ScalarActivation {
  value(z: number): number;
  derivative(z: number): number;
}

export const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
export const INV_SQRT_2 = Math.SQRT1_2;
export const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
export const GELU_TANH_CUBIC = 0.044715;

/** Φ(z), the standard normal CDF, through erfc so that Φ of a large negative z keeps its digits. */
export function normalCdf(z: number): number {
  const half = 0.5 * erfcOfNonNegative(Math.abs(z) * INV_SQRT_2);
  return z >= 0 ? 1 - half : half;
}

export function normalPdf(z: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * z * z);
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export const scalarActivations: Record<ActivationName, ScalarActivation> = {
  relu: {
    // Math.max keeps NaN, as PyTorch does
    value: (z) => Math.max(z, 0),
    // PyTorch passes no gradient at z = 0
    derivative: (z) => (z > 0 ? 1 : 0),
  },
  gelu: {
    value: (z) => z * normalCdf(z),
    derivative: (z) => normalCdf(z) + z * normalPdf(z),
  },
  'gelu-tanh': {
    value: (z) => {
      const t = Math.tanh(SQRT_2_OVER_PI * (z + GELU_TANH_CUBIC * z * z * z));
      return 0.5 * z * (1 + t);
    },
    derivative: (z) => {
      const t = Math.tanh(SQRT_2_OVER_PI * (z + GELU_TANH_CUBIC * z * z * z));
      const dInner = SQRT_2_OVER_PI * (1 + 3 * GELU_TANH_CUBIC * z * z);
      return 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * dInner;
    },
  },
  silu: {
    value: (z) => z * sigmoid(z),
    derivative: (z) => {
      const s = sigmoid(z);
      return s * (1 + z * (1 - s));
    },
  },
};
