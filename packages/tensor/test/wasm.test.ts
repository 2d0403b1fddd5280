/** The hand-written WebAssembly kernels, at sizes that split work across threads. */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Generator, listBackends, matmul, randn, setBackend, testing, transpose } from '../src/index.js';

afterAll(() => setBackend('js'));
const packageRoot = fileURLToPath(new URL('..', import.meta.url));

describe('wasm backend', () => {
  it('is available where WebAssembly SIMD and shared memory are (Node 20)', () => {
    expect(listBackends()).toContain('wasm');
  });

  const g = new Generator(11);
  const cases: [string, number[], number[]][] = [
    ['one large product (columns split across threads)', [131, 203], [203, 77]],
    ['many batches (batches split across threads)', [5, 97, 61], [5, 61, 45]],
    ['broadcast batch over a shared right operand', [3, 2, 70, 90], [90, 130]],
    ['ragged edges (m, n not multiples of the 6x8 tile)', [1, 7], [7, 1]],
  ];
  for (const [name, aShape, bShape] of cases) {
    it(`${name}: equals the reference`, () => {
      const a = randn(aShape, { generator: g });
      const b = randn(bShape, { generator: g });
      setBackend('js');
      const expected = matmul(a, b);
      setBackend('wasm');
      testing.assertClose(matmul(a, b), expected, { atol: 1e-4, rtol: 1e-4 });
      // transposed operands are read through strides
      const at = transpose(a, -1, -2).clone();
      const bt = transpose(b, -1, -2).clone();
      testing.assertClose(matmul(transpose(at, -1, -2), transpose(bt, -1, -2)), expected, { atol: 1e-4, rtol: 1e-4 });
    });
  }

  it('gives the same bits on one thread as on several', () => {
    const code = `
      import { backendReady, Generator, matmul, randn, setBackend } from '@xf/tensor';
      import { createHash } from 'node:crypto';
      setBackend('wasm');
      const info = await backendReady();
      console.log(info.description);
      const g = new Generator(3);
      const out = [matmul(randn(300, 200, { generator: g }), randn(200, 150, { generator: g })),
                   matmul(randn(8, 64, 64, { generator: g }), randn(8, 64, 64, { generator: g }))];
      console.log(out.map((t) => createHash('sha256').update(t.data).digest('hex')).join(' '));`;
    const run = (threads: string) =>
      execFileSync(process.execPath, ['--input-type=module', '-e', code], {
        cwd: packageRoot,
        env: { ...process.env, XF_THREADS: threads },
        encoding: 'utf8',
      });
    const one = run('1');
    const two = run('2');
    expect(one).toMatch(/1 thread\)/);
    expect(two).toMatch(/2 threads\)/);
    expect(one.split('\n')[1]).toBe(two.split('\n')[1]);
    expect(() => run('zero')).toThrow(/XF_THREADS must be a positive integer, got 'zero'/);
  });
});
