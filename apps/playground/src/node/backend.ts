/** Picks the kernels: wasm (hand-written WebAssembly SIMD on worker threads) unless asked otherwise. */
import {
  type BackendInfo,
  type BackendName,
  backendReady,
  listBackends,
  setBackend,
} from '@xf/tensor';
import { UsageError } from '../cli/args.js';

export const DEFAULT_NODE_BACKEND = 'wasm';

export async function useBackend(name?: string): Promise<BackendInfo> {
  const wanted = name ?? (process.env.XF_BACKEND || DEFAULT_NODE_BACKEND);
  const available = listBackends();
  if (!available.includes(wanted)) {
    throw new UsageError(`--backend must be one of ${available.join(', ')}; got '${wanted}'`);
  }
  const mode = wanted === 'gpu' ? process.env.XF_GPU_MODE || undefined : undefined;
  setBackend(wanted as BackendName, mode ? { mode: mode as never } : {});
  // the wasm backend starts its worker threads in the background: wait, so timings are fair
  return backendReady();
}
