/**
 * The angles of rotary position embedding (RoPE, Su et al., "RoFormer"). Channel pair i of
 * a head of size d turns by pos · θᵢ at position pos, with θᵢ = theta^(-2i / d): the same
 * geometric ladder of speeds as the sinusoidal table, applied as rotations.
 */
import { check, Tensor } from '@xf/tensor';

/** Checks that headDim is a positive even number (RoPE rotates channel pairs). */
export function checkHeadDim(op: string, headDim: unknown): number {
  check.positiveInt(op, 'headDim', headDim);
  if ((headDim as number) % 2 !== 0) {
    throw new Error(
      `${op}: headDim must be even to rotate channels in pairs, got ${String(headDim)}`,
    );
  }
  return headDim as number;
}

export function checkTheta(op: string, theta: unknown): number {
  if (typeof theta !== 'number' || !(theta > 0) || !Number.isFinite(theta)) {
    throw new Error(`${op}: theta must be a positive number, got ${String(theta)}`);
  }
  return theta;
}

export interface RotaryTables {
  /** cos(pos · θᵢ) and sin(pos · θᵢ), [seqLen, headDim / 2], row t for position offset + t. */
  cos: Tensor;
  sin: Tensor;
}

/**
 * The cos and sin tables for positions offset .. offset + seqLen - 1. Angles are computed
 * in double precision and rounded once, so large positions keep float32 accuracy.
 */
export function rotaryTables(
  seqLen: number,
  headDim: number,
  options: { offset?: number; theta?: number } = {},
): RotaryTables {
  const op = 'rotaryTables';
  checkHeadDim(op, headDim);
  const theta = checkTheta(op, options.theta ?? 10000);
  const offset = options.offset ?? 0;
  if (!Number.isInteger(seqLen) || seqLen < 0) {
    throw new Error(`${op}: seqLen must be a non-negative integer, got ${seqLen}`);
  }
  if (!Number.isInteger(offset) || offset < 0) {
    throw new Error(`${op}: offset must be a non-negative integer, got ${offset}`);
  }
  const half = headDim / 2;
  const cos = new Float32Array(seqLen * half);
  const sin = new Float32Array(seqLen * half);
  for (let t = 0; t < seqLen; t++) {
    for (let i = 0; i < half; i++) {
      const angle = (offset + t) * theta ** ((-2 * i) / headDim);
      cos[t * half + i] = Math.cos(angle);
      sin[t * half + i] = Math.sin(angle);
    }
  }
  return { cos: new Tensor(cos, [seqLen, half]), sin: new Tensor(sin, [seqLen, half]) };
}
