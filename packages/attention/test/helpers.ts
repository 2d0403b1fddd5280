/**
 * Test helpers: an independent attention written with nested loops over plain arrays
 * (no tensor ops, no shared code with the package), and small utilities.
 */
import { Generator, manualSeed, randn, setBackend, type Tensor, testing } from '@xf/tensor';

/** Row-major values of a tensor as nested number arrays [rows][cols] for a 2-D slice. */
export function rows(x: Tensor, batch = 0): number[][] {
  const [r, c] = x.shape.slice(-2);
  const base = batch * r * c;
  return Array.from({ length: r }, (_, i) =>
    Array.from(x.data.subarray(base + i * c, base + (i + 1) * c)),
  );
}

/**
 * softmax(q kᵀ · scale + bias) v for one head, straight from the definition, in float64.
 * `allowed(i, j)` false masks a key; a row with no allowed key gives zeros.
 */
export function naiveAttention(
  q: number[][],
  k: number[][],
  v: number[][],
  options: {
    scale?: number;
    allowed?: (i: number, j: number) => boolean;
    bias?: (i: number, j: number) => number;
  } = {},
): { out: number[][]; weights: number[][] } {
  const E = q[0].length;
  const scale = options.scale ?? 1 / Math.sqrt(E);
  const weights = q.map((qi, i) => {
    const logits = k.map((kj, j) => {
      if (options.allowed && !options.allowed(i, j)) return null;
      let dot = 0;
      for (let e = 0; e < E; e++) dot += qi[e] * kj[e];
      return dot * scale + (options.bias ? options.bias(i, j) : 0);
    });
    const kept = logits.filter((s): s is number => s !== null);
    if (kept.length === 0) return logits.map(() => 0);
    const max = Math.max(...kept);
    const exps = logits.map((s) => (s === null ? 0 : Math.exp(s - max)));
    const total = exps.reduce((a, b) => a + b, 0);
    return exps.map((x) => x / total);
  });
  const out = weights.map((w) =>
    v[0].map((_, e) => w.reduce((acc, wj, j) => acc + wj * v[j][e], 0)),
  );
  return { out, weights };
}

export function flat(nested: number[][][] | number[][]): number[] {
  return (nested as unknown[]).flat(2) as number[];
}

/** Float32 tolerance for comparing backends and formulas. */
export const tol = { atol: 1e-4, rtol: 1e-4 };

export function seeded(seed: number, ...shapes: number[][]): Tensor[] {
  manualSeed(seed);
  return shapes.map((s) => randn(s, { requiresGrad: true }));
}

/** Every backend config except js, for comparing against js. */
export const otherBackends = (): ReturnType<typeof testing.backendConfigs> =>
  testing.backendConfigs().filter((c) => c.name !== 'js');

export function useJs(): void {
  setBackend('js');
}

/** Gradients of `inputs` after backprop of a fixed random projection of `out`. */
export function gradsOf(inputs: Tensor[], run: () => Tensor, seed = 123): Float32Array[] {
  for (const x of inputs) x.grad = null;
  const out = run();
  out.backward(randn([...out.shape], { generator: new Generator(seed) }));
  return inputs.map((x) => (x.grad ? x.grad.data.slice() : new Float32Array(x.numel())));
}
