/**
 * Helpers for testing ops across backends, used by every xf package's tests and the tutor.
 * `assertClose` mirrors torch.testing.assert_close; `backendConfigs` lists every backend
 * (and gpu.js mode) that can run here, so a test can loop over all of them.
 */
import { type BackendName, listBackends, setBackend } from './backends.js';
import { unravelIndex } from './check.js';
import { availableGpuModes, type GpuMode } from './kernels/gpu/runtime.js';
import { Generator } from './random.js';
import { formatShape, sameShape } from './shape.js';
import { Tensor } from './tensor.js';

export interface CloseOptions {
  atol?: number;
  rtol?: number;
  /** Names the value in the error message. */
  name?: string;
}

export interface Comparison {
  ok: boolean;
  maxAbsDiff: number;
  /** First flat index outside tolerance, -1 when none. */
  firstMismatch: number;
  message: string;
}

/** Compares two tensors (or arrays) elementwise: |a - e| <= atol + rtol |e|; NaN matches NaN. */
export function compareClose(
  actual: Tensor | ArrayLike<number>,
  expected: Tensor | ArrayLike<number>,
  options: CloseOptions = {},
): Comparison {
  const { atol = 1e-5, rtol = 1.3e-6, name = 'tensor' } = options;
  const aShape = actual instanceof Tensor ? actual.shape : [actual.length];
  const eShape = expected instanceof Tensor ? expected.shape : [expected.length];
  if (!sameShape(aShape, eShape)) {
    return {
      ok: false,
      maxAbsDiff: Number.POSITIVE_INFINITY,
      firstMismatch: -1,
      message: `${name}: shape ${formatShape(aShape)} does not match expected ${formatShape(eShape)}`,
    };
  }
  const a = actual instanceof Tensor ? actual.data : actual;
  const e = expected instanceof Tensor ? expected.data : expected;
  let maxAbsDiff = 0;
  let firstMismatch = -1;
  for (let i = 0; i < a.length; i++) {
    const bothNaN = Number.isNaN(a[i]) && Number.isNaN(e[i]);
    const diff = a[i] === e[i] || bothNaN ? 0 : Math.abs(a[i] - e[i]);
    if (!(diff <= atol + rtol * Math.abs(e[i]))) {
      if (firstMismatch < 0) firstMismatch = i;
    }
    if (!(diff <= maxAbsDiff)) maxAbsDiff = diff;
  }
  const ok = firstMismatch < 0;
  const where = ok
    ? ''
    : ` at index [${unravelIndex(firstMismatch, aShape).join(', ')}]: got ${a[firstMismatch]}, expected ${e[firstMismatch]}`;
  return {
    ok,
    maxAbsDiff,
    firstMismatch,
    message: ok
      ? `${name}: close (max abs diff ${maxAbsDiff.toExponential(2)})`
      : `${name}: not close${where} (max abs diff ${maxAbsDiff.toExponential(2)}, atol ${atol}, rtol ${rtol})`,
  };
}

/** Throws with the first mismatch when the tensors are not close. */
export function assertClose(
  actual: Tensor | ArrayLike<number>,
  expected: Tensor | ArrayLike<number>,
  options: CloseOptions = {},
): void {
  const result = compareClose(actual, expected, options);
  if (!result.ok) throw new Error(result.message);
}

export interface BackendConfig {
  /** 'js', or 'gpu:<mode>' for each gpu.js mode. */
  label: string;
  name: BackendName;
  mode?: GpuMode;
  /** Makes this the active backend. */
  use(): void;
}

/** Every registered backend (each gpu.js mode that runs here for `gpu`), the reference (`js`) first. */
export function backendConfigs(): BackendConfig[] {
  const configs: BackendConfig[] = [];
  for (const name of listBackends()) {
    if (name === 'gpu') {
      for (const mode of availableGpuModes()) {
        configs.push({ label: `gpu:${mode}`, name, mode, use: () => setBackend('gpu', { mode }) });
      }
    } else {
      configs.push({ label: name, name, use: () => setBackend(name) });
    }
  }
  return configs;
}

/** Float32 tolerance for comparing a backend or a fused kernel with the reference. */
export const FLOAT32_TOLERANCE = Object.freeze({ atol: 1e-4, rtol: 1e-4 });

/** Every backend that runs here except the js reference, which tests compare them with. */
export function otherBackendConfigs(): BackendConfig[] {
  return backendConfigs().filter((c) => c.name !== 'js');
}

/** Runs fn on the js (reference) backend. */
export function onReference<T>(fn: () => T): T {
  setBackend('js');
  return fn();
}

/** Seeded standard normal samples, so every run sees the same numbers. */
export function sample(shape: readonly number[], seed: number, requiresGrad = false): Tensor {
  const g = new Generator(seed);
  const data = Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => g.normal());
  return new Tensor(data, shape, 'float32', requiresGrad);
}

/**
 * The output of fn and the gradients it sends back to each input for a fixed, seeded upstream
 * gradient: what a test compares between backends.
 */
export function valueAndGrads(
  fn: (...inputs: Tensor[]) => Tensor,
  inputs: readonly Tensor[],
  seed = 99,
): { y: Tensor; grads: (Tensor | null)[] } {
  const leaves = inputs.map((t) => t.detach().requiresGrad_(t.requiresGrad));
  const y = fn(...leaves);
  y.backward(sample(y.shape, seed));
  return { y, grads: leaves.map((t) => t.grad) };
}

export interface MedianTimeOptions {
  /** Untimed calls first (compilation, caches). Default 2. */
  warmup?: number;
  /** Timed calls at least. Default 5. */
  minRuns?: number;
  /** Timed calls at most. Default 200. */
  maxRuns?: number;
  /** Keep timing until this many milliseconds have passed (within the run limits). Default 1000. */
  budgetMs?: number;
}

/** For benchmarks (tests never assert on time): the median milliseconds of one call of fn. */
export function medianTimeMs(fn: () => void, options: MedianTimeOptions = {}): number {
  const { warmup = 2, minRuns = 5, maxRuns = 200, budgetMs = 1000 } = options;
  for (let i = 0; i < warmup; i++) fn();
  const runs: number[] = [];
  const start = performance.now();
  while (runs.length < minRuns || (performance.now() - start < budgetMs && runs.length < maxRuns)) {
    const t0 = performance.now();
    fn();
    runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)];
}
