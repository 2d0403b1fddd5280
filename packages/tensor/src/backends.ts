/**
 * Which backend runs the kernels: `setBackend('gpu')`, or the XF_BACKEND environment
 * variable read on first use; without either, `wasm` where WebAssembly SIMD runs, else `js`. Packages with fused kernels of their own dispatch through
 * `defineKernel`, so they follow the same switch.
 */
import type { Backend } from './backend.js';
import { gpuBackend } from './kernels/gpu/index.js';
import { activeGpuMode, type GpuMode, setGpuMode } from './kernels/gpu/runtime.js';
import { jsBackend } from './kernels/js/index.js';
import { wasmBackend } from './kernels/wasm/index.js';
import { wasmSimdSupported } from './kernels/wasm/runtime.js';

export type BackendName = 'js' | 'wasm' | 'gpu' | (string & {});

export interface BackendOptions {
  /** gpu.js mode for the gpu backend (default 'gpu': gpu.js picks the best it finds). */
  mode?: GpuMode;
}

const registry = new Map<string, Backend>([
  ['js', jsBackend],
  ['gpu', gpuBackend],
]);
if (wasmSimdSupported()) registry.set('wasm', wasmBackend);

let active: Backend | null = null;

/** Adds a backend (for example a hand-written WebAssembly one) under its name. */
export function registerBackend(backend: Backend): void {
  registry.set(backend.name, backend);
}

export function listBackends(): string[] {
  return [...registry.keys()];
}

export function setBackend(name: BackendName, options: BackendOptions = {}): Backend {
  const backend = registry.get(name);
  if (!backend) {
    throw new Error(
      `setBackend: unknown backend '${name}' (available: ${listBackends().join(', ')})`,
    );
  }
  if (name === 'gpu') {
    setGpuMode(options.mode ?? 'gpu');
    activeGpuMode(); // fail here, not at the first op, if the mode cannot start
  } else if (options.mode !== undefined) {
    throw new Error(`setBackend: option 'mode' applies to the gpu backend only, not '${name}'`);
  }
  active = backend;
  return backend;
}

function readEnv(name: string): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env;
  const value = env?.[name];
  return value === undefined || value === '' ? undefined : value;
}

export function getBackend(): Backend {
  if (!active) {
    const fromEnv = readEnv('XF_BACKEND');
    if (fromEnv) {
      try {
        setBackend(fromEnv, fromEnv === 'gpu' ? { mode: readEnv('XF_GPU_MODE') as GpuMode } : {});
      } catch (e) {
        throw new Error(`XF_BACKEND=${fromEnv}: ${(e as Error).message}`);
      }
    } else {
      // the fastest backend that needs nothing from the machine: SIMD where the engine has it
      active = registry.get('wasm') ?? jsBackend;
    }
  }
  return active!;
}

export interface BackendInfo {
  name: string;
  /** The gpu.js mode when the gpu backend is active. */
  mode?: string;
  description: string;
}

export function backendInfo(): BackendInfo {
  const backend = getBackend();
  return {
    name: backend.name,
    ...(backend.name === 'gpu' ? { mode: activeGpuMode() } : {}),
    description: backend.describe(),
  };
}

/**
 * Resolves once the active backend runs at full speed: the wasm backend's worker threads start
 * in the background, and until they have, its products run on the calling thread only.
 */
export async function backendReady(): Promise<BackendInfo> {
  await getBackend().ready?.();
  return backendInfo();
}

/**
 * A kernel with one implementation per backend. Calls go to the active backend's
 * implementation, or to `js` (the reference) where a backend has none.
 */
export function defineKernel<F extends (...args: never[]) => unknown>(
  name: string,
  implementations: { js: F } & Partial<Record<string, F>>,
): F {
  const dispatch = (...args: Parameters<F>) => {
    const impl = implementations[getBackend().name] ?? implementations.js;
    return impl(...args);
  };
  Object.defineProperty(dispatch, 'name', { value: name });
  return dispatch as unknown as F;
}
