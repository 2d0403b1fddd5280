/** Checks shared by the norms: the normalised trailing dims, the affine parameters, eps. */
import { check, formatShape, type Tensor } from '@xf/tensor';

/** normalizedShape as a list (a number n means [n]); every size a positive integer. */
export function toNormalizedShape(
  op: string,
  normalizedShape: number | readonly number[],
): number[] {
  const shape =
    typeof normalizedShape === 'number' ? [normalizedShape] : [...(normalizedShape ?? [])];
  if (
    !Array.isArray(shape) ||
    shape.length === 0 ||
    shape.some((d) => typeof d !== 'number' || !Number.isInteger(d) || d <= 0)
  ) {
    throw new Error(
      `${op}: normalizedShape must be a positive integer or a non-empty list of them, got ${JSON.stringify(normalizedShape)}`,
    );
  }
  return shape;
}

/** The number of values normalised together, after checking that x ends in normalizedShape. */
export function checkNormInput(op: string, x: Tensor, shape: readonly number[]): number {
  check.tensor(op, 'input', x);
  const trailing = x.shape.slice(x.ndim - shape.length);
  if (x.ndim < shape.length || trailing.some((d, i) => d !== shape[i])) {
    throw new Error(
      `${op}: normalizedShape ${formatShape(shape)} does not match the trailing dims of input of shape ` +
        `${formatShape(x.shape)} (expected input of shape [*, ${shape.join(', ')}])`,
    );
  }
  return shape.reduce((a, b) => a * b, 1);
}

/** weight or bias, when given, must have exactly normalizedShape. */
export function checkAffine(
  op: string,
  name: string,
  t: Tensor | null | undefined,
  shape: readonly number[],
): Tensor | null {
  if (t === null || t === undefined) return null;
  check.tensor(op, name, t);
  if (t.ndim !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
    throw new Error(
      `${op}: ${name} of shape ${formatShape(t.shape)} does not match normalizedShape ${formatShape(shape)}`,
    );
  }
  return t;
}

export function checkEps(op: string, eps: unknown): number {
  if (typeof eps !== 'number' || !(eps >= 0) || !Number.isFinite(eps)) {
    throw new Error(`${op}: eps must be a non-negative finite number, got ${String(eps)}`);
  }
  return eps;
}
