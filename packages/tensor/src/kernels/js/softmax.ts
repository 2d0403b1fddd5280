import { allocate } from '../../pool.js';
/**
 * Softmax over the middle axis of [outer, size, inner], stabilised by subtracting the
 * row maximum: softmax(x)_j = exp(x_j - m) / sum_k exp(x_k - m).
 * log-softmax is x_j - m - log(sum_k exp(x_k - m)).
 */
export function softmax(
  x: Float32Array,
  outer: number,
  size: number,
  inner: number,
  log: boolean,
): Float32Array {
  const y = allocate(x.length);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i;
      let max = Number.NEGATIVE_INFINITY;
      for (let j = 0; j < size; j++) max = Math.max(max, x[base + j * inner]);
      if (max === Number.NEGATIVE_INFINITY) max = 0; // a row of -inf: exp gives 0s, sum 0 -> NaN, as PyTorch
      let sum = 0;
      for (let j = 0; j < size; j++) sum += Math.exp(x[base + j * inner] - max);
      const logSum = Math.log(sum);
      for (let j = 0; j < size; j++) {
        const idx = base + j * inner;
        y[idx] = log ? x[idx] - max - logSum : Math.exp(x[idx] - max) / sum;
      }
    }
  }
  return y;
}

/**
 * Softmax: dx_j = y_j (dy_j - sum_k dy_k y_k).
 * Log-softmax: dx_j = dy_j - exp(y_j) sum_k dy_k.
 */
export function softmaxBackward(
  y: Float32Array,
  dy: Float32Array,
  outer: number,
  size: number,
  inner: number,
  log: boolean,
): Float32Array {
  const dx = allocate(y.length);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i;
      let s = 0;
      for (let j = 0; j < size; j++) {
        const idx = base + j * inner;
        s += log ? dy[idx] : dy[idx] * y[idx];
      }
      for (let j = 0; j < size; j++) {
        const idx = base + j * inner;
        dx[idx] = log ? dy[idx] - Math.exp(y[idx]) * s : y[idx] * (dy[idx] - s);
      }
    }
  }
  return dx;
}
