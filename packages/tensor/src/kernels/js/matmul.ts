import type { MatmulParams } from '../../backend.js';
import { allocateZeroed } from '../../pool.js';

/**
 * C = op(A) @ op(B) per batch. The loop order keeps the innermost loop on contiguous memory:
 * with B stored transposed ([n, k]) each C[i][j] is a dot product of a row of A and a row of B;
 * otherwise the i-l-j order runs along rows of B and C.
 */
export function matmul(a: Float32Array, b: Float32Array, p: MatmulParams): Float32Array {
  const { m, k, n, aOffsets, bOffsets, transA, transB } = p;
  const batch = aOffsets.length;
  const c = allocateZeroed(batch * m * n);
  const row = new Float32Array(k); // row i of op(A), gathered contiguously
  for (let t = 0; t < batch; t++) {
    const aOff = aOffsets[t];
    const bOff = bOffsets[t];
    const cOff = t * m * n;
    for (let i = 0; i < m; i++) {
      if (transA) for (let l = 0; l < k; l++) row[l] = a[aOff + l * m + i];
      else row.set(a.subarray(aOff + i * k, aOff + (i + 1) * k));
      const cBase = cOff + i * n;
      if (transB) {
        // C[i][j] = Σ_l A[i][l] B[j][l]
        for (let j = 0; j < n; j++) c[cBase + j] = dot(row, b, bOff + j * k, k);
      } else {
        // C[i][:] += A[i][l] B[l][:]
        for (let l = 0; l < k; l++) {
          const ail = row[l];
          const bBase = bOff + l * n;
          for (let j = 0; j < n; j++) c[cBase + j] += ail * b[bBase + j];
        }
      }
    }
  }
  return c;
}

/** Σ_l x[l] y[at + l], summed in order. */
function dot(x: Float32Array, y: Float32Array, at: number, k: number): number {
  let sum = 0;
  for (let l = 0; l < k; l++) sum += x[l] * y[at + l];
  return sum;
}
