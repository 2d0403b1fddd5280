import type { MatmulParams } from '../../backend.js';
import { allocate } from '../../pool.js';

const f32 = Math.fround;

/**
 * Products with only a few rows (one token while sampling), as plain loops that round exactly
 * like the SIMD kernel: each product and each running sum in float32, over l in order. So a
 * row comes out bit-identical whether it is computed alone or inside a larger product, and
 * generation with a KV cache matches generation without one token for token.
 */
export function smallMatmul(a: Float32Array, b: Float32Array, p: MatmulParams): Float32Array {
  const { m, k, n, aOffsets, bOffsets, transA, transB } = p;
  const batch = aOffsets.length;
  const c = allocate(batch * m * n);
  const row = new Float32Array(k);
  const acc = new Float32Array(n);
  for (let t = 0; t < batch; t++) {
    const bOff = bOffsets[t];
    for (let i = 0; i < m; i++) {
      const aOff = aOffsets[t];
      if (transA) for (let l = 0; l < k; l++) row[l] = a[aOff + l * m + i];
      else row.set(a.subarray(aOff + i * k, aOff + (i + 1) * k));
      const cBase = (t * m + i) * n;
      if (transB) {
        for (let j = 0; j < n; j++) {
          const at = bOff + j * k;
          let sum = 0;
          for (let l = 0; l < k; l++) sum = f32(sum + f32(row[l] * b[at + l]));
          c[cBase + j] = sum;
        }
      } else {
        acc.fill(0);
        for (let l = 0; l < k; l++) {
          const ail = row[l];
          const at = bOff + l * n;
          for (let j = 0; j < n; j++) acc[j] = f32(acc[j] + f32(ail * b[at + j]));
        }
        c.set(acc, cBase);
      }
    }
  }
  return c;
}
