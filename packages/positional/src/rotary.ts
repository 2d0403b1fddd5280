/**
 * Rotary position embedding applied to queries or keys. Rotating q at position m and k at
 * position n makes their dot product ⟨R(m) q, R(n) k⟩ = ⟨q, R(n - m) k⟩: attention scores
 * see only the distance n - m, and nothing is added to the values or the residual stream.
 *
 * Pairing. Default: "halves", channel i paired with i + headDim/2 (GPT-NeoX, and LLaMA as
 * stored by Hugging Face, Mistral, Qwen...). `interleaved: true`: channels 2i and 2i + 1, as
 * written in the RoFormer paper and Meta's original LLaMA code. The two differ only by a
 * fixed reordering of channels, which learned q/k projections absorb, so a model trained
 * from scratch can use either; halves is the default because most published checkpoints
 * store their projections for it, and it splits a head into two contiguous halves.
 */
import { check, formatShape, recordOp, Tensor } from '@xf/tensor';
import { rotaryKernel } from './kernels/rotary.js';
import { checkHeadDim, checkTheta, rotaryTables } from './rotary-tables.js';

/**
 * Rotates x [..., seq, headDim] with table rows tableOffset .. tableOffset + seq - 1 of cos
 * and sin. Linear in x: the gradient is the inverse rotation of the output's gradient.
 */
export function rotate(
  x: Tensor,
  cos: Tensor,
  sin: Tensor,
  tableOffset: number,
  interleaved: boolean,
): Tensor {
  const seq = x.shape[x.ndim - 2];
  const headDim = x.shape[x.ndim - 1];
  if (x.numel() === 0)
    return recordOp('rotaryEmb', new Tensor(new Float32Array(0), x.shape), [x], (g) => [g]);
  const y = rotaryKernel(x.data, cos.data, sin.data, seq, headDim, tableOffset, interleaved, 1);
  return recordOp('rotaryEmb', new Tensor(y, x.shape), [x], (g) => [
    new Tensor(
      rotaryKernel(g.data, cos.data, sin.data, seq, headDim, tableOffset, interleaved, -1),
      x.shape,
    ),
  ]);
}

/** x must be [..., seq, headDim] with an even headDim (and headDim = expected, when given). */
export function checkRotaryInput(op: string, name: string, x: unknown, expected?: number): Tensor {
  check.tensor(op, name, x);
  const t = x as Tensor;
  if (t.ndim < 2) {
    throw new Error(
      `${op}: ${name} of shape ${formatShape(t.shape)} must be [..., seq, headDim] (at least 2 dims)`,
    );
  }
  const headDim = t.shape[t.ndim - 1];
  if (expected !== undefined && headDim !== expected) {
    throw new Error(
      `${op}: ${name} of shape ${formatShape(t.shape)} does not end in headDim = ${expected}`,
    );
  }
  checkHeadDim(op, headDim);
  return t;
}

export interface ApplyRotaryEmbOptions {
  /** Position of x's first row (tokens already in the KV cache); default 0. */
  offset?: number;
  /** Base of the angle ladder; default 10000. */
  theta?: number;
  /** Pair channels (2i, 2i + 1) instead of (i, i + headDim/2); default false. */
  interleaved?: boolean;
}

/** Rotates queries or keys x [..., seq, headDim] for positions offset .. offset + seq - 1. */
export function applyRotaryEmb(x: Tensor, options: ApplyRotaryEmbOptions = {}): Tensor {
  const op = 'applyRotaryEmb';
  const t = checkRotaryInput(op, 'input', x);
  const offset = options.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0) {
    throw new Error(`${op}: offset must be a non-negative integer, got ${offset}`);
  }
  const theta = checkTheta(op, options.theta ?? 10000);
  const { cos, sin } = rotaryTables(t.shape[t.ndim - 2], t.shape[t.ndim - 1], { offset, theta });
  return rotate(t, cos, sin, 0, options.interleaved ?? false);
}
