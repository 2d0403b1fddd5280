import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import * as xf from '../src/index.js';
import { setBackend, testing } from '../src/index.js';

afterAll(() => setBackend('js'));

const packageRoot = fileURLToPath(new URL('..', import.meta.url));

function runWithEnv(env: Record<string, string>, code: string): string {
  return execFileSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: packageRoot,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('backend selection', () => {
  it('setBackend switches, backendInfo reports the gpu.js mode', () => {
    setBackend('gpu', { mode: 'cpu' });
    expect(xf.backendInfo()).toEqual({
      name: 'gpu',
      mode: 'cpu',
      description: 'gpu (gpu.js cpu mode)',
    });
    setBackend('js');
    expect(xf.backendInfo().name).toBe('js');
    expect(xf.listBackends()).toEqual(expect.arrayContaining(['js', 'gpu']));
  });

  it('backendInfo names the gpu.js mode of every gpu configuration', () => {
    for (const config of testing.backendConfigs()) {
      config.use();
      expect(xf.backendInfo().mode).toBe(config.mode);
    }
    setBackend('js');
  });

  it('rejects unknown backends and modes with the choices', () => {
    expect(() => setBackend('tpu')).toThrow(
      /setBackend: unknown backend 'tpu' \(available: js, gpu/,
    );
    expect(() => setBackend('gpu', { mode: 'opencl' as xf.GpuMode })).toThrow(
      /unknown gpu.js mode 'opencl'/,
    );
    expect(() => setBackend('js', { mode: 'cpu' })).toThrow(
      /option 'mode' applies to the gpu backend only/,
    );
  });

  it('XF_BACKEND and XF_GPU_MODE choose the backend of a fresh process (built package)', () => {
    const plain = { ...process.env };
    delete plain.XF_BACKEND;
    const info = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import { backendInfo } from '@xf/tensor'; console.log(backendInfo().name);",
      ],
      { cwd: packageRoot, env: plain, encoding: 'utf8' },
    );
    expect(info.trim()).toBe('wasm'); // the default where WebAssembly SIMD runs
    const code =
      "import { backendInfo, tensor } from '@xf/tensor'; tensor([1]).add(1); console.log(JSON.stringify(backendInfo()));";
    expect(JSON.parse(runWithEnv({ XF_BACKEND: 'gpu', XF_GPU_MODE: 'cpu' }, code))).toMatchObject({
      name: 'gpu',
      mode: 'cpu',
    });
    expect(JSON.parse(runWithEnv({ XF_BACKEND: 'js' }, code)).name).toBe('js');
    expect(() => runWithEnv({ XF_BACKEND: 'nope' }, code)).toThrow(
      /XF_BACKEND=nope: setBackend: unknown backend 'nope'/,
    );
  });

  it('defineKernel dispatches to the active backend, falling back to js', () => {
    const calls: string[] = [];
    const k = xf.defineKernel('double', {
      js: (x: number) => {
        calls.push('js');
        return x * 2;
      },
      gpu: (x: number) => {
        calls.push('gpu');
        return x * 2;
      },
    });
    setBackend('js');
    k(1);
    setBackend('gpu', { mode: 'cpu' });
    k(1);
    const onlyJs = xf.defineKernel('triple', {
      js: (x: number) => {
        calls.push('js-only');
        return x * 3;
      },
    });
    expect(onlyJs(2)).toBe(6);
    expect(calls).toEqual(['js', 'gpu', 'js-only']);
  });

  it('a registered backend is used for the kernels it provides', () => {
    const reference = xf.getBackend();
    let matmuls = 0;
    xf.registerBackend({
      ...xf.getBackend(),
      name: 'counting',
      describe: () => 'counting',
      matmul: (a, b, p) => {
        matmuls++;
        return reference.matmul(a, b, p);
      },
    });
    setBackend('counting');
    xf.matmul(xf.ones(2, 2), xf.ones(2, 2));
    expect(matmuls).toBe(1);
    setBackend('js');
  });

  it('gpuKernel runs a custom kernel in the active gpu.js mode', () => {
    setBackend('gpu', { mode: 'cpu' });
    const square = xf.gpuKernel('function (x) { const v = x[this.thread.x]; return v * v; }');
    expect(Array.from(square.run(3, new Float32Array([1, 2, 3])))).toEqual([1, 4, 9]);
  });
});
