/**
 * Worker threads for the wasm kernels. Every thread instantiates the same module over the
 * same shared memory; the main thread writes a job descriptor per thread into that memory,
 * wakes the workers with Atomics.notify, does its own share, and waits for theirs.
 *
 * Threads start only where a synchronous wait is allowed and workers exist without a file:
 * Node (through process.getBuiltinModule, so this entry imports nothing from node:).
 * Elsewhere, or with XF_THREADS=1, everything runs on the calling thread.
 */
import type { WasmRuntime } from './runtime.js';

// per worker, in a control array: [sequence number, finished sequence, descriptor, ready, failed]
const SEQ = 0;
const DONE = 1;
const JOB = 2;
const READY = 3;
const FAILED = 4;
const STRIDE = 8;

// The worker's whole program: instantiate, then wait for a job, run it, report, forever.
const workerSource = `
const { workerData } = require('node:worker_threads');
const { module, memory, control, index } = workerData;
const { matmulRange } = new WebAssembly.Instance(module, { env: { memory } }).exports;
const ctl = new Int32Array(control);
const base = index * ${STRIDE};
Atomics.store(ctl, base + ${READY}, 1);
let seen = 0;
for (;;) {
  Atomics.wait(ctl, base + ${SEQ}, seen);
  const seq = Atomics.load(ctl, base + ${SEQ});
  if (seq === seen) continue;
  seen = seq;
  try {
    matmulRange(Atomics.load(ctl, base + ${JOB}));
  } catch (error) {
    Atomics.store(ctl, base + ${FAILED}, 1);
  }
  Atomics.store(ctl, base + ${DONE}, seq);
  Atomics.notify(ctl, base + ${DONE});
}
`;

interface NodeProcess {
  getBuiltinModule?: (name: string) => unknown;
  env?: Record<string, string | undefined>;
}

interface WorkerLike {
  unref(): void;
}

type WorkerClass = new (
  source: string,
  options: { eval: true; workerData: unknown; execArgv: string[] },
) => WorkerLike;

export interface ThreadPool {
  /** Threads that can run shares, the calling thread included (workers still starting count). */
  size: number;
  /** Threads ready now, the calling thread included. */
  ready(): number;
  /** Runs one descriptor per thread (the first on the calling thread) and returns when all are done. */
  run(descriptors: readonly number[], runHere: (descriptor: number) => void): void;
}

function nodeProcess(): NodeProcess | undefined {
  return (globalThis as { process?: NodeProcess }).process;
}

/** How many threads to use: XF_THREADS, else the machine's cores (at most 4). */
export function threadCount(): number {
  const proc = nodeProcess();
  const env = proc?.env?.XF_THREADS;
  if (env !== undefined && env !== '') {
    const n = Number(env);
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`XF_THREADS must be a positive integer, got '${env}'`);
    return Math.min(n, 16);
  }
  const os = proc?.getBuiltinModule?.('node:os') as
    | { availableParallelism?: () => number }
    | undefined;
  return Math.max(1, Math.min(os?.availableParallelism?.() ?? 1, 4));
}

let pool: ThreadPool | null = null;

export function threadPool(runtime: WasmRuntime): ThreadPool {
  if (pool) return pool;
  const wanted = threadCount();
  const threads = nodeProcess()?.getBuiltinModule?.('node:worker_threads') as
    | { Worker?: WorkerClass }
    | undefined;
  if (wanted <= 1 || !threads?.Worker || !runtime.shared) {
    pool = { size: 1, ready: () => 1, run: (d, runHere) => runHere(d[0]) };
    return pool;
  }
  const workers = wanted - 1;
  const control = new SharedArrayBuffer(workers * STRIDE * 4);
  const ctl = new Int32Array(control);
  for (let index = 0; index < workers; index++) {
    const worker = new threads.Worker(workerSource, {
      eval: true,
      // a plain worker: loader flags of the parent (test runners, TypeScript loaders) are not needed
      execArgv: [],
      workerData: { module: runtime.module, memory: runtime.memory, control, index },
    });
    worker.unref(); // idle workers never keep the process alive
  }
  // Workers start in the background; until one reports ready, its share stays on this thread.
  const readyWorkers = () => {
    let n = 0;
    while (n < workers && Atomics.load(ctl, n * STRIDE + READY) === 1) n++;
    return n;
  };
  pool = {
    size: wanted,
    ready: () => 1 + readyWorkers(),
    run(descriptors, runHere) {
      const used = Math.min(descriptors.length - 1, readyWorkers());
      for (let w = 0; w < used; w++) {
        const base = w * STRIDE;
        Atomics.store(ctl, base + JOB, descriptors[w + 1]);
        Atomics.add(ctl, base + SEQ, 1);
        Atomics.notify(ctl, base + SEQ);
      }
      runHere(descriptors[0]);
      for (let s = used + 1; s < descriptors.length; s++) runHere(descriptors[s]);
      for (let w = 0; w < used; w++) {
        const base = w * STRIDE;
        const seq = Atomics.load(ctl, base + SEQ);
        for (
          let done = Atomics.load(ctl, base + DONE);
          done !== seq;
          done = Atomics.load(ctl, base + DONE)
        ) {
          Atomics.wait(ctl, base + DONE, done);
        }
        if (Atomics.exchange(ctl, base + FAILED, 0) === 1) {
          throw new Error('wasm backend: a worker thread failed while multiplying matrices');
        }
      }
    },
  };
  return pool;
}
