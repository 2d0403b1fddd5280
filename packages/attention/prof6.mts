import { randn, setBackend, gpuKernel } from '@xf/tensor';
const t = (name: string, fn: () => void, n = 20) => { for (let i = 0; i < 3; i++) fn(); const t0 = performance.now(); for (let i = 0; i < n; i++) fn(); console.log(name, ((performance.now() - t0) / n).toFixed(3)); };
const T = 4, L = 64, S = 64, E = 32;
const q = randn([T * L * E]).data, k = randn([T * S * E]).data;
const off = [0, 2048, 4096, 6144];
for (const mode of ['webasm', 'cpu']) {
  setBackend('gpu', { mode: mode as any });
  const scores = gpuKernel(`function (q, k, qOff, kOff, L, S, E, scale, diagonal, masked) {
  const idx = this.thread.x;
  const row = Math.floor((idx + 0.5) / S);
  const j = idx - row * S;
  const t = Math.floor((row + 0.5) / L);
  const i = row - t * L;
  if (j > i + diagonal) { return masked; }
  const qi = qOff[t] + i * E;
  const kj = kOff[t] + j * E;
  let dot = 0;
  for (let e = 0; e < E; e++) { dot += q[qi + e] * k[kj + e]; }
  return dot * scale;
}`);
  const rowMax = gpuKernel(`function (q, k, qOff, kOff, L, S, E, scale, diagonal) {
  const row = this.thread.x;
  const t = Math.floor((row + 0.5) / L);
  const i = row - t * L;
  const qi = qOff[t] + i * E;
  let m = -3e38;
  for (let j = 0; j < S; j++) {
    if (j <= i + diagonal) {
      const kj = kOff[t] + j * E;
      let dot = 0;
      for (let e = 0; e < E; e++) { dot += q[qi + e] * k[kj + e]; }
      m = Math.max(m, dot * scale);
    }
  }
  return m;
}`);
  const expS = gpuKernel(`function (q, k, m, qOff, kOff, L, S, E, scale, diagonal) {
  const idx = this.thread.x;
  const row = Math.floor((idx + 0.5) / S);
  const j = idx - row * S;
  const t = Math.floor((row + 0.5) / L);
  const i = row - t * L;
  if (j > i + diagonal) { return 0; }
  const qi = qOff[t] + i * E;
  const kj = kOff[t] + j * E;
  let dot = 0;
  for (let e = 0; e < E; e++) { dot += q[qi + e] * k[kj + e]; }
  return Math.exp(dot * scale - m[row]);
}`);
  let s: Float32Array, m: Float32Array;
  t(mode + ' V3 scores', () => { s = scores.run(T*L*S, q, k, off, off, L, S, E, 0.17, 0, -3.4e38); });
  t(mode + ' V3 cpu softmax', () => {
    const p = new Float32Array(s.length);
    for (let r = 0; r < T*L; r++) { let mx = -Infinity; for (let j = 0; j < S; j++) mx = Math.max(mx, s[r*S+j]); let sum = 0; for (let j = 0; j < S; j++) { const e = s[r*S+j] <= -3e38 ? 0 : Math.exp(s[r*S+j]-mx); p[r*S+j] = e; sum += e; } for (let j = 0; j < S; j++) p[r*S+j] /= sum; }
  });
  t(mode + ' V2 rowMax', () => { m = rowMax.run(T*L, q, k, off, off, L, S, E, 0.17, 0); });
  t(mode + ' V2 exp', () => { expS.run(T*L*S, q, k, m, off, off, L, S, E, 0.17, 0); });
}
