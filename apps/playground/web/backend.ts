/**
 * The page's kernels. xf's engine is synchronous, so gpu.js's WebGPU mode (async only) cannot
 * back it: the page asks gpu.js for WebGL2, which Chromium provides (on a GPU, or in software
 * through SwiftShader). Without WebGL2 it falls back to the wasm backend (one thread here),
 * then to the plain JavaScript reference, and says so on the page.
 */
import {
  availableGpuModes,
  type BackendInfo,
  backendInfo,
  backendReady,
  listBackends,
  setBackend,
} from '@xf/tensor';

export interface PageBackend {
  info: BackendInfo;
  /** Shown on the page when the backend is not the one we wanted. */
  note: string | null;
}

const WEBGPU_NOTE =
  "gpu.js's WebGPU mode is asynchronous and xf's engine is synchronous, so the page uses gpu.js's WebGL2 mode.";

function fallback(reason: string): PageBackend {
  const name = listBackends().includes('wasm') ? 'wasm' : 'js';
  setBackend(name);
  return {
    info: backendInfo(),
    note: `${reason} Training runs on the ${name} backend instead (slower).`,
  };
}

/** `requested` (from ?backend=) forces one: 'gpu', 'wasm' or 'js'. */
export async function pickBackend(requested: string | null): Promise<PageBackend> {
  if (requested === 'js' || requested === 'wasm') {
    if (!listBackends().includes(requested))
      return fallback(`The ${requested} backend is not available here.`);
    setBackend(requested);
    await backendReady();
    return { info: backendInfo(), note: `The ${requested} backend was asked for in the address.` };
  }
  if (!availableGpuModes().includes('webgl2')) {
    return fallback('WebGL2 is not available in this browser.');
  }
  try {
    setBackend('gpu', { mode: 'webgl2' });
    await backendReady();
    return { info: backendInfo(), note: null };
  } catch (e) {
    return fallback(`gpu.js could not start WebGL2 (${(e as Error).message}).`);
  }
}

/** The WebGL2 renderer, e.g. a GPU's name, or SwiftShader (software) in headless Chromium. */
export function webglRenderer(): string | null {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return null;
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}

export function describeBackend(b: PageBackend): string {
  const { info } = b;
  if (info.name !== 'gpu') return `backend: ${info.description}`;
  const renderer = info.mode?.startsWith('webgl') ? webglRenderer() : null;
  return `backend: gpu.js ${info.mode ?? ''}${renderer ? ` on ${renderer}` : ''}. ${WEBGPU_NOTE}`;
}
