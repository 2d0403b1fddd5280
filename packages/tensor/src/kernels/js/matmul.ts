import type { MatmulParams } from '../../backend.js';

/**
 * C = op(A) @ op(B) per batch. The loop order keeps the innermost loop on contiguous memory:
 * with B stored transposed ([n, k]) each C[i][j] is a dot product of two contiguous rows;
 * otherwise the i-l-j order runs along rows of B and C.
 */
export function matmul(a: Float32Array, b: Float32Array, p: MatmulParams): Float32Array {
  const { m, k, n, aOffsets, bOffsets, transA, transB } = p;
  const batch = aOffsets.length;
  const c = new Float32Array(batch * m * n);
  // element (i, l) of op(A) is at i * aRow + l * aCol
  const [aRow, aCol] = transA ? [1, m] : [k, 1];
  for (let t = 0; t < batch; t++) {
    const aOff = aOffsets[t];
    const bOff = bOffsets[t];
    const cOff = t * m * n;
    for (let i = 0; i < m; i++) {
      const cBase = cOff + i * n;
      if (transB) {
        // C[i][j] = Σ_l A[i][l] B[j][l]
        for (let j = 0; j < n; j++) {
          const bBase = bOff + j * k;
          let sum = 0;
          for (let l = 0; l < k; l++) sum += a[aOff + i * aRow + l * aCol] * b[bBase + l];
          c[cBase + j] = sum;
        }
      } else {
        // C[i][:] += A[i][l] B[l][:]
        for (let l = 0; l < k; l++) {
          const ail = a[aOff + i * aRow + l * aCol];
          const bBase = bOff + l * n;
          for (let j = 0; j < n; j++) c[cBase + j] += ail * b[bBase + j];
        }
      }
    }
  }
  return c;
}
