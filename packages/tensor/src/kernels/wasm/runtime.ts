/**
 * The WebAssembly side of the wasm backend: the kernel module instantiated over one shared
 * linear memory, and an arena in it. A kernel call resets the arena, copies its inputs in,
 * runs, and copies its output out, so nothing has to be freed.
 */

import { allocate } from '../../pool.js';
import {
  activationWasm,
  activationWasmUnshared,
  gemmWasm,
  gemmWasmUnshared,
} from './binary.generated.js';

export interface ActivationExports {
  geluForward(x: number, bias: number, y: number, rows: number, features: number): void;
  geluBackward(
    x: number,
    bias: number,
    g: number,
    dx: number,
    rows: number,
    features: number,
  ): void;
}

export interface GemmExports {
  packA(src: number, m: number, k: number, rs: number, cs: number, dst: number): void;
  packB(src: number, k: number, n: number, rs: number, cs: number, dst: number): void;
  gemm(
    m: number,
    n: number,
    k: number,
    ap: number,
    bp: number,
    c: number,
    scratch: number,
    ldc: number,
  ): void;
  matmulRange(descriptor: number): void;
}

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

const PAGE = 65536;
const MAX_PAGES = 16384; // 1 GiB, as the module declares

/** Shared memory lets worker threads use the same data; without SharedArrayBuffer, one thread. */
function canShare(): boolean {
  return typeof SharedArrayBuffer === 'function';
}

/** Whether this engine runs WebAssembly with 128-bit SIMD (Node 20, current browsers). */
export function wasmSimdSupported(): boolean {
  try {
    return (
      typeof WebAssembly === 'object' &&
      WebAssembly.validate(decode(canShare() ? gemmWasm : gemmWasmUnshared))
    );
  } catch {
    return false;
  }
}

export class Arena {
  private top = 0;
  /** Blocks below this stay between kernel calls (weights kept packed in inference mode). */
  private pinnedTop = 0;
  private f32View: Float32Array;
  private i32View: Int32Array;

  constructor(readonly memory: WebAssembly.Memory) {
    this.f32View = new Float32Array(memory.buffer);
    this.i32View = new Int32Array(memory.buffer);
  }

  reset(): void {
    this.top = this.pinnedTop;
  }

  /** Keeps everything allocated so far across resets (call right after a reset and allocations to keep). */
  pinAllocated(): void {
    this.pinnedTop = this.top;
  }

  /** Drops every pinned block. */
  unpinAll(): void {
    this.pinnedTop = 0;
    this.top = 0;
  }

  /** Byte offset of a fresh 16-byte-aligned block of `words` 4-byte words. */
  alloc(words: number): number {
    const start = (this.top + 15) & ~15;
    const end = start + words * 4;
    const size = this.memory.buffer.byteLength;
    if (end > size) {
      const pages = Math.ceil((end - size) / PAGE);
      if (size / PAGE + pages > MAX_PAGES) {
        throw new Error(
          `wasm backend: a kernel needs ${Math.ceil(end / 2 ** 20)} MiB, more than its 1 GiB memory`,
        );
      }
      this.memory.grow(pages);
    }
    this.top = end;
    return start;
  }

  private refresh(): void {
    if (this.f32View.buffer.byteLength !== this.memory.buffer.byteLength) {
      this.f32View = new Float32Array(this.memory.buffer);
      this.i32View = new Int32Array(this.memory.buffer);
    }
  }

  get f32(): Float32Array {
    this.refresh();
    return this.f32View;
  }

  get i32(): Int32Array {
    this.refresh();
    return this.i32View;
  }

  /** Copies floats in and returns their byte offset. */
  put(data: Float32Array): number {
    const at = this.alloc(data.length);
    this.f32.set(data, at >> 2);
    return at;
  }

  /** Copies integers in and returns their byte offset. */
  putInts(data: ArrayLike<number>): number {
    const at = this.alloc(data.length);
    this.i32.set(data, at >> 2);
    return at;
  }

  /** A copy of `floats` floats starting at byte offset `at`. */
  take(at: number, floats: number): Float32Array {
    const out = allocate(floats);
    out.set(this.f32.subarray(at >> 2, (at >> 2) + floats));
    return out;
  }
}

export interface WasmRuntime {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  /** Whether the memory is shared (worker threads can join). */
  shared: boolean;
  exports: GemmExports;
  activation: ActivationExports;
  arena: Arena;
}

let runtime: WasmRuntime | null = null;

export function wasmRuntime(): WasmRuntime {
  if (!runtime) {
    const shared = canShare();
    const module = new WebAssembly.Module(decode(shared ? gemmWasm : gemmWasmUnshared));
    const memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared });
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    const activation = new WebAssembly.Instance(
      new WebAssembly.Module(decode(shared ? activationWasm : activationWasmUnshared)),
      { env: { memory } },
    );
    runtime = {
      module,
      memory,
      shared,
      exports: instance.exports as unknown as GemmExports,
      activation: activation.exports as unknown as ActivationExports,
      arena: new Arena(memory),
    };
  }
  return runtime;
}
