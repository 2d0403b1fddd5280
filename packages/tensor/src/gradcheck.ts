/**
 * Checks an op's analytic gradient against central finite differences.
 * The output is projected onto a fixed random direction r, so any output shape reduces
 * to one scalar L = Σ out·r, whose gradient both ways must agree.
 */
import { noGrad } from './autograd.js';
import { Generator } from './random.js';
import { Tensor } from './tensor.js';

export interface GradcheckOptions {
  /** Finite-difference step (default 1e-3; float32 needs a larger step than float64). */
  eps?: number;
  /** Tolerance: |analytic - numeric| <= atol + rtol |numeric| (defaults 1e-2 and 1e-2). */
  atol?: number;
  rtol?: number;
  /** Seed of the random projection. */
  seed?: number;
}

export interface GradcheckMismatch {
  input: number;
  index: number;
  analytic: number;
  numeric: number;
}

export interface GradcheckResult {
  ok: boolean;
  maxAbsError: number;
  /** The worst element, when a gradient disagreed. */
  mismatch?: GradcheckMismatch;
  message: string;
}

export function gradcheck(
  fn: (...inputs: Tensor[]) => Tensor,
  inputs: readonly Tensor[],
  options: GradcheckOptions = {},
): GradcheckResult {
  const { eps = 1e-3, atol = 1e-2, rtol = 1e-2, seed = 0 } = options;
  const leaves = inputs.map((x) => new Tensor(x.data.slice(), x.shape, x.dtype, x.requiresGrad));
  if (!leaves.some((x) => x.requiresGrad)) {
    throw new Error('gradcheck: no input has requiresGrad set; nothing to check');
  }
  const out = fn(...leaves);
  if (!(out instanceof Tensor)) throw new Error('gradcheck: fn must return a Tensor');
  const gen = new Generator(seed);
  const r = new Tensor(
    Float32Array.from({ length: out.numel() }, () => gen.normal()),
    out.shape,
  );
  const project = (y: Tensor): number => {
    let s = 0;
    for (let i = 0; i < y.data.length; i++) s += y.data[i] * r.data[i];
    return s;
  };
  out.backward(r);

  let maxAbsError = 0;
  let worst: GradcheckMismatch | undefined;
  let worstExcess = 0;
  leaves.forEach((leaf, k) => {
    if (!leaf.requiresGrad) return;
    const analytic = leaf.grad?.data ?? new Float32Array(leaf.numel());
    for (let i = 0; i < leaf.numel(); i++) {
      const original = leaf.data[i];
      leaf.data[i] = original + eps;
      const plus = noGrad(() => project(fn(...leaves)));
      leaf.data[i] = original - eps;
      const minus = noGrad(() => project(fn(...leaves)));
      leaf.data[i] = original;
      // the step actually taken, after float32 rounding of original ± eps
      const step = Math.fround(original + eps) - Math.fround(original - eps);
      const numeric = (plus - minus) / step;
      const error = Math.abs(analytic[i] - numeric);
      maxAbsError = Math.max(maxAbsError, error);
      const excess = error - (atol + rtol * Math.abs(numeric));
      if (excess > worstExcess || Number.isNaN(error)) {
        worstExcess = Number.isNaN(error) ? Number.POSITIVE_INFINITY : excess;
        worst = { input: k, index: i, analytic: analytic[i], numeric };
      }
    }
  });
  const message = worst
    ? `gradcheck: gradient of input ${worst.input} at flat index ${worst.index} is ${worst.analytic}, ` +
      `finite differences give ${worst.numeric} (max abs error ${maxAbsError.toExponential(2)})`
    : `gradcheck: ok (max abs error ${maxAbsError.toExponential(2)})`;
  return { ok: !worst, maxAbsError, mismatch: worst, message };
}

/** gradcheck that throws its message when the gradients disagree. */
export function assertGradcheck(
  fn: (...inputs: Tensor[]) => Tensor,
  inputs: readonly Tensor[],
  options: GradcheckOptions = {},
): void {
  const result = gradcheck(fn, inputs, options);
  if (!result.ok) throw new Error(result.message);
}
