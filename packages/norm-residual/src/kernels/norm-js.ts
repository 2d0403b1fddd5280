/**
 * The reference (js) kernels of the fused normalisation, over x viewed as [rows, n] (n the
 * size of the normalised trailing dims). `center` picks the norm:
 *   LayerNorm (center): x̂ = (x - mean) / √(var + eps), var the biased variance;
 *   RMSNorm (no center): x̂ = x / √(mean(x²) + eps), i.e. the same with mean fixed at 0.
 * Then y = x̂ · weight + bias.
 */
import { allocateZeroed } from '@xf/tensor';

export interface NormForward {
  y: Float32Array;
  /** Per row: the mean (0 for RMSNorm) and 1/√(var + eps), kept for the backward. */
  mean: Float32Array;
  rstd: Float32Array;
}

export interface NormGrads {
  dx: Float32Array;
  /** Σ over rows of g · x̂ and of g; null unless asked for. */
  dweight: Float32Array | null;
  dbias: Float32Array | null;
}

export function normForwardJs(
  x: Float32Array,
  weight: Float32Array | null,
  bias: Float32Array | null,
  rows: number,
  n: number,
  eps: number,
  center: boolean,
): NormForward {
  const y = allocateZeroed(rows * n);
  const mean = new Float32Array(rows);
  const rstd = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const base = r * n;
    let mu = 0;
    if (center) {
      for (let j = 0; j < n; j++) mu += x[base + j];
      mu /= n;
    }
    // two passes: Σ(x - μ)² keeps its digits when the mean is large
    let ss = 0;
    for (let j = 0; j < n; j++) {
      const d = x[base + j] - mu;
      ss += d * d;
    }
    const s = 1 / Math.sqrt(ss / n + eps);
    mean[r] = mu;
    rstd[r] = s;
    for (let j = 0; j < n; j++) {
      let v = (x[base + j] - mu) * s;
      if (weight) v *= weight[j];
      if (bias) v += bias[j];
      y[base + j] = v;
    }
  }
  return { y, mean, rstd };
}

/**
 * With ĝ = g · weight and x̂ as in the forward, per row:
 *   LayerNorm: dx = rstd · (ĝ - mean(ĝ) - x̂ · mean(ĝ x̂))
 *   RMSNorm:   dx = rstd · (ĝ - x̂ · mean(ĝ x̂))
 * (the mean(ĝ) term is the gradient through the subtracted mean, absent without centering).
 */
export function normBackwardJs(
  x: Float32Array,
  weight: Float32Array | null,
  grad: Float32Array,
  mean: Float32Array,
  rstd: Float32Array,
  rows: number,
  n: number,
  center: boolean,
  wantParams: boolean,
): NormGrads {
  const dx = allocateZeroed(rows * n);
  const dweight = wantParams ? new Float64Array(n) : null;
  const dbias = wantParams ? new Float64Array(n) : null;
  for (let r = 0; r < rows; r++) {
    const base = r * n;
    const mu = mean[r];
    const s = rstd[r];
    let sumG = 0;
    let sumGX = 0;
    for (let j = 0; j < n; j++) {
      const gHat = grad[base + j] * (weight ? weight[j] : 1);
      sumG += gHat;
      sumGX += gHat * (x[base + j] - mu) * s;
    }
    for (let j = 0; j < n; j++) {
      const xHat = (x[base + j] - mu) * s;
      const gHat = grad[base + j] * (weight ? weight[j] : 1);
      let inner = gHat - (xHat * sumGX) / n;
      if (center) inner -= sumG / n;
      dx[base + j] = s * inner;
      if (dweight && dbias) {
        dweight[j] += grad[base + j] * xHat;
        dbias[j] += grad[base + j];
      }
    }
  }
  return {
    dx,
    dweight: dweight && Float32Array.from(dweight),
    dbias: dbias && Float32Array.from(dbias),
  };
}
