/** Argument checks shared by this package's ops and modules; errors name the op and the argument. */
import { Tensor } from '@xf/tensor';

export function checkTensor(op: string, name: string, x: unknown): Tensor {
  if (!(x instanceof Tensor)) {
    const got = x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x;
    throw new TypeError(`${op}: ${name} must be a Tensor, got ${got}`);
  }
  return x;
}

export function checkPositiveInt(op: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new Error(`${op}: ${name} must be a positive integer, got ${String(value)}`);
  }
  return value;
}

export function checkProbability(op: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new Error(`${op}: ${name} must be a probability between 0 and 1, got ${String(value)}`);
  }
  return value;
}
