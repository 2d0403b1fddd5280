/**
 * gpu.js plumbing shared by every gpu kernel in xf: one GPU instance per process, and
 * kernels compiled once per output length (gpu.js fixes a kernel's output size).
 */

import * as gpujs from 'gpu.js';
import {
  CPUKernel,
  GPU,
  HeadlessGLKernel,
  type IGPUKernelSettings,
  WebGL2Kernel,
  WebGLKernel,
} from 'gpu.js';

// not in gpu.js's type declarations, but exported alongside the others
const WebAssemblyKernel = (gpujs as unknown as { WebAssemblyKernel?: unknown }).WebAssemblyKernel;

/** gpu.js modes xf runs synchronously. 'gpu' lets gpu.js pick (headless-gl, WebGL2, WebGL, then WebAssembly). */
export type GpuMode = 'gpu' | 'webgl2' | 'webgl' | 'headlessgl' | 'webasm' | 'cpu';

export const gpuModes: readonly GpuMode[] = [
  'gpu',
  'webgl2',
  'webgl',
  'headlessgl',
  'webasm',
  'cpu',
];

let instance: GPU | null = null;
let requestedMode: GpuMode = 'gpu';
let generation = 0;

/** Selects the gpu.js mode for kernels compiled from now on. */
export function setGpuMode(mode: GpuMode): void {
  if (!gpuModes.includes(mode)) {
    throw new Error(
      `setBackend: unknown gpu.js mode '${mode}' (expected one of ${gpuModes.join(', ')})`,
    );
  }
  if (mode === requestedMode && instance) return;
  instance?.destroy();
  instance = null;
  requestedMode = mode;
  generation++;
}

export function getGPU(): GPU {
  if (!instance) {
    if (requestedMode !== 'gpu' && !availableGpuModes().includes(requestedMode)) {
      throw new Error(
        `gpu.js mode '${requestedMode}' is not available here (available: ${availableGpuModes().join(', ')})` +
          (requestedMode === 'headlessgl'
            ? "; it needs the 'gl' addon built and a display (e.g. under xvfb-run)"
            : ''),
      );
    }
    instance = requestedMode === 'gpu' ? new GPU() : new GPU({ mode: requestedMode });
  }
  return instance;
}

interface GPUStatics {
  isWebGL2Supported?: boolean;
  isWebGLSupported?: boolean;
  isHeadlessGLSupported?: boolean;
  isWebAssemblySupported?: boolean;
}

/** The gpu.js modes that can run synchronously in this environment, best first. */
export function availableGpuModes(): GpuMode[] {
  const g = GPU as unknown as GPUStatics;
  const inBrowser = typeof document !== 'undefined';
  const modes: GpuMode[] = [];
  if (!inBrowser && g.isHeadlessGLSupported) modes.push('headlessgl');
  if (inBrowser && g.isWebGL2Supported) modes.push('webgl2');
  if (inBrowser && g.isWebGLSupported) modes.push('webgl');
  if (g.isWebAssemblySupported) modes.push('webasm');
  modes.push('cpu');
  return modes;
}

/** The gpu.js mode actually running, e.g. 'webgl2' or 'webasm'. */
export function activeGpuMode(): string {
  const gpu = getGPU() as unknown as { mode: string; Kernel?: unknown };
  const kernelModes: [unknown, string][] = [
    [HeadlessGLKernel, 'headlessgl'],
    [WebGL2Kernel, 'webgl2'],
    [WebGLKernel, 'webgl'],
    [WebAssemblyKernel, 'webasm'],
    [CPUKernel, 'cpu'],
  ];
  // GL kernels all call their mode 'gpu': name them by their class instead
  return kernelModes.find(([k]) => k === gpu.Kernel)?.[1] ?? gpu.mode;
}

type KernelArg = Float32Array | number | number[];
type CompiledKernel = ((...args: KernelArg[]) => unknown) & { destroy?: () => void };

export interface GpuKernel {
  /** Runs the kernel over `length` threads (this.thread.x in 0..length-1) and returns a flat result. */
  run(length: number, ...args: KernelArg[]): Float32Array;
}

export interface GpuKernelOptions {
  /** Upper bound for loops whose length is an argument (gpu.js unrolls against it on GL). */
  loopMaxIterations?: number;
}

/**
 * A gpu.js kernel from its source (a `function (...) { ... this.thread.x ... }` string),
 * compiled lazily for the active mode, and cached per output length.
 */
export function gpuKernel(source: string, options: GpuKernelOptions = {}): GpuKernel {
  const cache = new Map<number, CompiledKernel>();
  let builtFor = -1;
  return {
    run(length, ...args) {
      if (builtFor !== generation) {
        cache.clear();
        builtFor = generation;
      }
      if (length === 0) return new Float32Array(0);
      let kernel = cache.get(length);
      if (!kernel) {
        const settings = {
          output: [length],
          dynamicArguments: true,
          precision: 'single',
          tactic: 'precision',
          loopMaxIterations: options.loopMaxIterations ?? 1 << 16,
        } as IGPUKernelSettings; // gpu.js's typings omit loopMaxIterations
        kernel = getGPU().createKernel(source, settings) as unknown as CompiledKernel;
        if (cache.size >= 32) {
          const [oldestKey, oldest] = cache.entries().next().value as [number, CompiledKernel];
          oldest.destroy?.();
          cache.delete(oldestKey);
        }
        cache.set(length, kernel);
      }
      const result = toFlat(kernel(...args), length);
      // GL modes may hand back a buffer they reuse on the next call; webasm and cpu return fresh arrays
      return freshResults() ? result : result.slice();
    },
  };
}

/**
 * A family of kernels whose source depends on a key (an op name, a mask variant): each key's
 * kernel is built on first use and kept.
 */
export function gpuKernels<K extends string>(
  source: (key: K) => string,
  options: GpuKernelOptions = {},
): (key: K) => GpuKernel {
  const kernels = new Map<K, GpuKernel>();
  return (key) => {
    let kernel = kernels.get(key);
    if (!kernel) kernels.set(key, (kernel = gpuKernel(source(key), options)));
    return kernel;
  };
}

function freshResults(): boolean {
  const mode = activeGpuMode();
  return mode === 'webasm' || mode === 'cpu';
}

function toFlat(result: unknown, length: number): Float32Array {
  if (result instanceof Float32Array) {
    return result.length === length ? result : result.slice(0, length);
  }
  if (Array.isArray(result)) return Float32Array.from(result as number[]);
  throw new Error(
    `gpu kernel returned ${Object.prototype.toString.call(result)}, expected a Float32Array`,
  );
}
