/**
 * gpu.js kernels of the fused normalisation (same math as norm-js.ts). A thread computes one
 * output element, so the work is split where a row's statistics are needed by every
 * element of the row: forward = row statistics, then normalise + affine; backward = two row
 * sums, then dx, and (when wanted) the column sums for weight and bias.
 */
import { gpuKernel } from '@xf/tensor';
import type { NormForward, NormGrads } from './norm-js.js';

/** Thread 2r gives row r's mean (0 without centering), thread 2r + 1 its 1/√(var + eps). */
const statsSource = `function (x, n, eps, center) {
  const i = this.thread.x;
  const row = Math.floor((i + 0.5) / 2);
  const which = i - row * 2;
  const base = row * n;
  let mean = 0;
  if (center == 1) {
    for (let j = 0; j < n; j++) {
      mean += x[base + j];
    }
    mean = mean / n;
  }
  if (which == 0) {
    return mean;
  }
  let ss = 0;
  for (let j = 0; j < n; j++) {
    const d = x[base + j] - mean;
    ss += d * d;
  }
  return 1 / Math.sqrt(ss / n + eps);
}`;

const applySource = `function (x, mean, rstd, weight, bias, n, hasWeight, hasBias) {
  const i = this.thread.x;
  const row = Math.floor((i + 0.5) / n);
  const col = i - row * n;
  let y = (x[i] - mean[row]) * rstd[row];
  if (hasWeight == 1) {
    y = y * weight[col];
  }
  if (hasBias == 1) {
    y = y + bias[col];
  }
  return y;
}`;

/** Thread 2r gives Σ ĝ over row r, thread 2r + 1 gives Σ ĝ x̂ (ĝ = g · weight). */
const rowSumsSource = `function (x, g, mean, rstd, weight, n, hasWeight) {
  const i = this.thread.x;
  const row = Math.floor((i + 0.5) / 2);
  const which = i - row * 2;
  const base = row * n;
  const mu = mean[row];
  const s = rstd[row];
  let sum = 0;
  for (let j = 0; j < n; j++) {
    let gHat = g[base + j];
    if (hasWeight == 1) {
      gHat = gHat * weight[j];
    }
    if (which == 0) {
      sum += gHat;
    } else {
      sum += gHat * (x[base + j] - mu) * s;
    }
  }
  return sum;
}`;

const dxSource = `function (x, g, mean, rstd, sums, weight, n, hasWeight, center) {
  const i = this.thread.x;
  const row = Math.floor((i + 0.5) / n);
  const col = i - row * n;
  const s = rstd[row];
  const xHat = (x[i] - mean[row]) * s;
  let gHat = g[i];
  if (hasWeight == 1) {
    gHat = gHat * weight[col];
  }
  let inner = gHat - xHat * sums[2 * row + 1] / n;
  if (center == 1) {
    inner = inner - sums[2 * row] / n;
  }
  return s * inner;
}`;

/** Thread c < n gives Σ_rows g x̂ of column c (dweight), thread n + c gives Σ_rows g (dbias). */
const paramSource = `function (x, g, mean, rstd, n, rows) {
  const i = this.thread.x;
  let which = 0;
  if (i >= n) {
    which = 1;
  }
  const col = i - which * n;
  let sum = 0;
  for (let r = 0; r < rows; r++) {
    const p = r * n + col;
    if (which == 0) {
      sum += g[p] * (x[p] - mean[r]) * rstd[r];
    } else {
      sum += g[p];
    }
  }
  return sum;
}`;

const statsKernel = gpuKernel(statsSource);
const applyKernel = gpuKernel(applySource);
const rowSumsKernel = gpuKernel(rowSumsSource);
const dxKernel = gpuKernel(dxSource);
const paramKernel = gpuKernel(paramSource);

// gpu.js wants an array argument even where the kernel never reads it
const ABSENT = new Float32Array(1);

export function normForwardGpu(
  x: Float32Array,
  weight: Float32Array | null,
  bias: Float32Array | null,
  rows: number,
  n: number,
  eps: number,
  center: boolean,
): NormForward {
  const stats = statsKernel.run(2 * rows, x, n, eps, center ? 1 : 0);
  const mean = new Float32Array(rows);
  const rstd = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    mean[r] = stats[2 * r];
    rstd[r] = stats[2 * r + 1];
  }
  const y = applyKernel.run(
    rows * n,
    x,
    mean,
    rstd,
    weight ?? ABSENT,
    bias ?? ABSENT,
    n,
    weight ? 1 : 0,
    bias ? 1 : 0,
  );
  return { y, mean, rstd };
}

export function normBackwardGpu(
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
  const hasWeight = weight ? 1 : 0;
  const w = weight ?? ABSENT;
  const sums = rowSumsKernel.run(2 * rows, x, grad, mean, rstd, w, n, hasWeight);
  const dx = dxKernel.run(rows * n, x, grad, mean, rstd, sums, w, n, hasWeight, center ? 1 : 0);
  if (!wantParams) return { dx, dweight: null, dbias: null };
  const params = paramKernel.run(2 * n, x, grad, mean, rstd, n, rows);
  return { dx, dweight: params.slice(0, n), dbias: params.slice(n) };
}
