import { randn, setBackend, gpuKernel } from '@xf/tensor';
import { inputGradsSource } from './src/kernels/gpu-sources.js';
const t = (name: string, fn: () => void, n = 20) => { for (let i = 0; i < 3; i++) fn(); const t0 = performance.now(); for (let i = 0; i < n; i++) fn(); console.log(name, ((performance.now() - t0) / n).toFixed(3)); };
const T = 4, L = 64, S = 64, E = 32;
const q = randn([T * L * E]).data, k = randn([T * S * E]).data, dS = randn([T*L*S]).data;
const off = [0, 2048, 4096, 6144];
for (const mode of ['webasm', 'cpu']) {
  setBackend('gpu', { mode: mode as any });
  const dq = gpuKernel(`function (dS, k, kOff, L, S, E, scale) {
    const idx = this.thread.x;
    const rowq = Math.floor((idx + 0.5) / E);
    const eq = idx - rowq * E;
    const tq = Math.floor((rowq + 0.5) / L);
    const si = rowq * S;
    const ke = kOff[tq] + eq;
    let sq = 0;
    for (let j = 0; j < S; j++) {
      sq += dS[si + j] * k[ke + j * E];
    }
    return sq * scale;
  }`);
  const dk = gpuKernel(`function (dS, q, qOff, L, S, E, scale) {
    const rk = this.thread.x;
    const tjk = Math.floor((rk + 0.5) / E);
    const ek = rk - tjk * E;
    const tk = Math.floor((tjk + 0.5) / S);
    const jk = tjk - tk * S;
    const sj = tk * L * S + jk;
    const qe = qOff[tk] + ek;
    let sk = 0;
    for (let ik = 0; ik < L; ik++) {
      sk += dS[sj + ik * S] * q[qe + ik * E];
    }
    return sk * scale;
  }`);
  const all = gpuKernel(inputGradsSource(false));
  t(mode + ' dq', () => dq.run(T*L*E, dS, k, off, L, S, E, 0.1));
  t(mode + ' dk', () => dk.run(T*S*E, dS, q, off, L, S, E, 0.1));
  t(mode + ' dq+dk merged', () => all.run(2*T*S*E, dS, q, k, off, off, L, S, E, 0.1, T*L*E, T*S*E));
}
