/**
 * Reusing large float buffers. Allocating a fresh multi-megabyte Float32Array costs far more
 * than filling one (the operating system has to hand over and zero new pages), and a training
 * step allocates hundreds of them. Kernels take their output buffers from here; the autograd
 * engine gives back the gradient buffers it created and no longer needs, so the next ops (the
 * rest of the backward pass, the next step's forward) reuse them.
 *
 * Only buffers the engine provably owns come back: gradients allocated during the current
 * backward pass that nothing else holds. Tensors handed to user code are never recycled.
 */

/** Smaller buffers are cheap to allocate: not worth pooling. */
const MIN_LENGTH = 4096;
/** At most this many floats wait in the pool (256 MiB). */
const MAX_POOLED = 64 * 2 ** 20;

const free = new Map<number, Float32Array[]>();
let pooled = 0;
let tracking: WeakSet<Float32Array> | null = null;

function take(n: number): Float32Array | undefined {
  if (n < MIN_LENGTH) return undefined;
  const list = free.get(n);
  const buffer = list?.pop();
  if (buffer) pooled -= n;
  return buffer;
}

function fresh(n: number): Float32Array {
  const buffer = new Float32Array(n);
  tracking?.add(buffer);
  return buffer;
}

/** A buffer of n floats for a kernel to fill completely (its old contents are arbitrary). */
export function allocate(n: number): Float32Array {
  const buffer = take(n);
  if (!buffer) return fresh(n);
  tracking?.add(buffer);
  return buffer;
}

/** A buffer of n zeros, for kernels that accumulate into their output. */
export function allocateZeroed(n: number): Float32Array {
  const buffer = take(n);
  if (!buffer) return fresh(n);
  tracking?.add(buffer);
  return buffer.fill(0);
}

/** Gives a buffer back; the caller guarantees nothing uses it any more. */
export function release(buffer: Float32Array): void {
  const n = buffer.length;
  if (n < MIN_LENGTH || pooled + n > MAX_POOLED) return;
  if (buffer.byteOffset !== 0 || buffer.buffer.byteLength !== buffer.byteLength) return; // a view
  let list = free.get(n);
  if (!list) free.set(n, (list = []));
  list.push(buffer);
  pooled += n;
}

/** Runs fn while remembering every buffer allocated, so the caller can tell its own from others. */
export function trackAllocations<T>(fn: (allocated: WeakSet<Float32Array>) => T): T {
  const previous = tracking;
  const allocated = new WeakSet<Float32Array>();
  tracking = allocated;
  try {
    return fn(allocated);
  } finally {
    tracking = previous;
  }
}

/** Empties the pool (for tests and for callers that want the memory back). */
export function clearPool(): void {
  free.clear();
  pooled = 0;
}

/** Floats waiting in the pool. */
export function pooledFloats(): number {
  return pooled;
}
