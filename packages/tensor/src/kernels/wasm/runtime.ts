/**
 * The WebAssembly side of the wasm backend: one instance of each hand-written module and an
 * arena in its linear memory. A kernel call resets the arena, copies its inputs in, runs,
 * and copies its output out, so nothing has to be freed.
 */
import { gemmWasm } from './binary.generated.js';

export interface GemmExports {
  memory: WebAssembly.Memory;
  packA(src: number, m: number, k: number, rs: number, cs: number, dst: number): void;
  packB(src: number, k: number, n: number, rs: number, cs: number, dst: number): void;
  gemm(m: number, n: number, k: number, ap: number, bp: number, c: number, scratch: number): void;
}

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Whether this engine runs WebAssembly with 128-bit SIMD (Node 16.4+, current browsers). */
export function wasmSimdSupported(): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(decode(gemmWasm));
  } catch {
    return false;
  }
}

const PAGE = 65536;

export class Arena {
  private top = 0;
  private view: Float32Array;

  constructor(readonly memory: WebAssembly.Memory) {
    this.view = new Float32Array(memory.buffer);
  }

  reset(): void {
    this.top = 0;
  }

  /** Byte offset of a fresh 16-byte-aligned block of `floats` floats. */
  alloc(floats: number): number {
    const start = (this.top + 15) & ~15;
    const end = start + floats * 4;
    if (end > this.memory.buffer.byteLength) {
      this.memory.grow(Math.ceil((end - this.memory.buffer.byteLength) / PAGE));
    }
    this.top = end;
    return start;
  }

  /** The memory as floats (a new view after the memory grew). */
  get f32(): Float32Array {
    if (this.view.buffer !== this.memory.buffer) this.view = new Float32Array(this.memory.buffer);
    return this.view;
  }

  /** Copies `data` in and returns its byte offset. */
  put(data: Float32Array): number {
    const at = this.alloc(data.length);
    this.f32.set(data, at >> 2);
    return at;
  }

  /** A copy of `floats` floats starting at byte offset `at`. */
  take(at: number, floats: number): Float32Array {
    return this.f32.slice(at >> 2, (at >> 2) + floats);
  }
}

let gemmInstance: { exports: GemmExports; arena: Arena } | null = null;

export function gemmModule(): { exports: GemmExports; arena: Arena } {
  if (!gemmInstance) {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(decode(gemmWasm)), {});
    const exports = instance.exports as unknown as GemmExports;
    gemmInstance = { exports, arena: new Arena(exports.memory) };
  }
  return gemmInstance;
}
