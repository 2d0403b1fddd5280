import { randn, setBackend, matmul, transpose, softmax } from '@xf/tensor';
const t = (name: string, fn: () => void, n = 30) => { for (let i = 0; i < 3; i++) fn(); const t0 = performance.now(); for (let i = 0; i < n; i++) fn(); console.log(name, ((performance.now() - t0) / n).toFixed(3)); };
for (const mode of ['webasm', 'cpu']) {
  setBackend('gpu', { mode: mode as any });
  const a = randn([4, 64, 32]), b = randn([4, 32, 64]), bt = randn([4, 64, 32]);
  t(mode + ' matmul NN', () => matmul(a, b));
  t(mode + ' matmul NT (q kT)', () => matmul(a, transpose(bt, 1, 2)));
  const s = randn([4, 64, 64]);
  t(mode + ' softmax', () => softmax(s, -1));
  const big = randn([256, 256]);
  t(mode + ' matmul 256', () => matmul(big, big), 5);
}
setBackend('js');
const big = randn([256, 256]);
t('js matmul 256', () => matmul(big, big), 5);
