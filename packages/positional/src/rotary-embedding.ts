/** RoPE as a module: the cos/sin tables computed once for maxLen positions and reused. */
import { check, nn, type Tensor } from '@xf/tensor';
import { checkRotaryInput, rotate } from './rotary.js';
import { checkHeadDim, checkTheta, rotaryTables } from './rotary-tables.js';

export interface RotaryEmbeddingOptions {
  /** Base of the angle ladder; default 10000. */
  theta?: number;
  /** Positions cached (offset + seq must not exceed it); default 2048. */
  maxLen?: number;
  /** Pair channels (2i, 2i + 1) instead of (i, i + headDim/2); default false. */
  interleaved?: boolean;
}

/**
 * Holds cos and sin [maxLen, headDim / 2] as non-persistent buffers `cos` and `sin`: the
 * state dict is empty. forward(q, k, offset) rotates both for positions offset .. offset + seq - 1.
 */
export class RotaryEmbedding extends nn.Module {
  readonly headDim: number;
  readonly theta: number;
  readonly maxLen: number;
  readonly interleaved: boolean;
  declare readonly cos: Tensor;
  declare readonly sin: Tensor;

  constructor(headDim: number, options: RotaryEmbeddingOptions = {}) {
    super();
    const op = 'RotaryEmbedding';
    this.headDim = checkHeadDim(op, headDim);
    this.theta = checkTheta(op, options.theta ?? 10000);
    this.maxLen = check.positiveInt(op, 'maxLen', options.maxLen ?? 2048);
    this.interleaved = options.interleaved ?? false;
    const { cos, sin } = rotaryTables(this.maxLen, headDim, { theta: this.theta });
    this.registerBuffer('cos', cos, false);
    this.registerBuffer('sin', sin, false);
  }

  /** q [..., seqQ, headDim] and k [..., seqK, headDim], both starting at position `offset`. */
  override forward(q: Tensor, k: Tensor, offset = 0): [Tensor, Tensor] {
    return [this.rotate(q, offset, 'query'), this.rotate(k, offset, 'key')];
  }

  /** Rotates one tensor [..., seq, headDim] for positions offset .. offset + seq - 1. */
  rotate(x: Tensor, offset = 0, name = 'input'): Tensor {
    const op = 'RotaryEmbedding';
    const t = checkRotaryInput(op, name, x, this.headDim);
    if (!Number.isInteger(offset) || offset < 0) {
      throw new Error(`${op}: offset must be a non-negative integer, got ${offset}`);
    }
    const seq = t.shape[t.ndim - 2];
    if (offset + seq > this.maxLen) {
      throw new Error(
        `${op}: a ${name} of length ${seq} at offset ${offset} needs positions up to ${offset + seq - 1}, ` +
          `but maxLen = ${this.maxLen}; raise maxLen`,
      );
    }
    return rotate(t, this.cos, this.sin, offset, this.interleaved);
  }
}
