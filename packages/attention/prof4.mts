import { randn, setBackend, gpuKernel } from '@xf/tensor';
const t = (name: string, fn: () => void, n = 30) => { for (let i = 0; i < 3; i++) fn(); const t0 = performance.now(); for (let i = 0; i < n; i++) fn(); console.log(name, ((performance.now() - t0) / n).toFixed(3)); };
for (const mode of ['webasm', 'cpu']) {
  setBackend('gpu', { mode: mode as any });
  const a = randn([16384]).data;
  const copy = gpuKernel(`function (a) { return a[this.thread.x]; }`);
  const ex = gpuKernel(`function (a) { return Math.exp(a[this.thread.x]); }`);
  const br = gpuKernel(`function (a, n) { const i = this.thread.x; if (i < n) { let s = 0; for (let j = 0; j < 64; j++) { s += a[j * 64 + (i % 64)]; } return s; } let s2 = 0; for (let j = 0; j < 64; j++) { s2 += a[j]; } return s2; }`);
  const nobr = gpuKernel(`function (a, n) { const i = this.thread.x; let s = 0; for (let j = 0; j < 64; j++) { s += a[j * 64 + (i % 64)]; } return s; }`);
  t(mode + ' copy', () => copy.run(16384, a));
  t(mode + ' exp', () => ex.run(16384, a));
  t(mode + ' branch', () => br.run(16384, a, 20000));
  t(mode + ' nobranch', () => nobr.run(16384, a, 20000));
}
