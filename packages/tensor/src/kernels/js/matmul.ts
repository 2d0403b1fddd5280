import type { MatmulParams } from '../../backend.js';

/** C = op(A) @ op(B) per batch, in the i-k-j order so the inner loop runs along rows of B and C. */
export function matmul(a: Float32Array, b: Float32Array, p: MatmulParams): Float32Array {
  const { m, k, n, aOffsets, bOffsets, transA, transB } = p;
  const batch = aOffsets.length;
  const c = new Float32Array(batch * m * n);
  // element (i, l) of op(A) and (l, j) of op(B)
  const [aRow, aCol] = transA ? [1, m] : [k, 1];
  const [bRow, bCol] = transB ? [1, k] : [n, 1];
  for (let t = 0; t < batch; t++) {
    const aOff = aOffsets[t];
    const bOff = bOffsets[t];
    const cOff = t * m * n;
    for (let i = 0; i < m; i++) {
      for (let l = 0; l < k; l++) {
        const ail = a[aOff + i * aRow + l * aCol];
        const bBase = bOff + l * bRow;
        const cBase = cOff + i * n;
        for (let j = 0; j < n; j++) c[cBase + j] += ail * b[bBase + j * bCol];
      }
    }
  }
  return c;
}
