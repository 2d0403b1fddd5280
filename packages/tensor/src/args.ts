/**
 * Argument checks for ops and modules in every xf package: each error names the op, the
 * argument and what it got, e.g. `LayerNorm: eps must be a positive number, got -1`.
 */
import { Tensor } from './tensor.js';

/** A short description of a value that was not what was wanted, for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return typeof value;
}

export function tensor(op: string, name: string, value: unknown): Tensor {
  if (!(value instanceof Tensor)) {
    throw new TypeError(`${op}: ${name} must be a Tensor, got ${describe(value)}`);
  }
  return value;
}

export function positiveInt(op: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new Error(`${op}: ${name} must be a positive integer, got ${describe(value)}`);
  }
  return value;
}

export function positiveNumber(op: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
    throw new Error(`${op}: ${name} must be a positive number, got ${describe(value)}`);
  }
  return value;
}

export function probability(op: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new Error(`${op}: ${name} must be a probability between 0 and 1, got ${describe(value)}`);
  }
  return value;
}

export function boolean(op: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw new Error(`${op}: ${name} must be true or false, got ${describe(value)}`);
  }
  return value;
}

/** One of a fixed set of strings; the error lists them. */
export function choice<T extends string>(
  op: string,
  name: string,
  value: unknown,
  choices: readonly T[],
): T {
  if (typeof value !== 'string' || !choices.includes(value as T)) {
    const quoted = choices.map((c) => `'${c}'`);
    const expected = quoted.length === 2 ? quoted.join(' or ') : `one of ${quoted.join(', ')}`;
    throw new Error(`${op}: ${name} must be ${expected}, got ${describe(value)}`);
  }
  return value as T;
}
