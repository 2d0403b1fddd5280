/** The sinusoidal table as a layer that adds it to token embeddings. */
import { add, check, formatShape, narrow, nn, type Tensor } from '@xf/tensor';
import { sinusoidalTable } from './sinusoidal-table.js';

export interface SinusoidalPositionalEncodingOptions {
  /** Longest sequence (offset included) it can encode; default 5000. */
  maxLen?: number;
  /** Dropout on the sum, as in the paper; default 0.1. */
  dropout?: number;
  /** Wavelength base; default 10000. */
  base?: number;
}

/**
 * x + PE[offset .. offset + seq), then dropout, on x of shape [..., seq, dModel] (batch
 * first). The table is a non-persistent buffer `pe` [maxLen, dModel]: it is rebuilt from
 * the formula, never saved, so the state dict is empty. The paper also scales the
 * embeddings by √dModel before this; that belongs to the embedding, not here.
 */
export class SinusoidalPositionalEncoding extends nn.Module {
  readonly dModel: number;
  readonly maxLen: number;
  declare readonly pe: Tensor;
  dropout: nn.Dropout;

  constructor(dModel: number, options: SinusoidalPositionalEncodingOptions = {}) {
    super();
    const op = 'SinusoidalPositionalEncoding';
    this.dModel = check.positiveInt(op, 'dModel', dModel);
    this.maxLen = check.positiveInt(op, 'maxLen', options.maxLen ?? 5000);
    this.dropout = new nn.Dropout(check.probability(op, 'dropout', options.dropout ?? 0.1));
    this.registerBuffer('pe', sinusoidalTable(this.maxLen, dModel, { base: options.base }), false);
  }

  /**
   * `offset` is the position of x's first row: with a KV cache, the number of tokens
   * already decoded.
   */
  override forward(x: Tensor, offset = 0): Tensor {
    const op = 'SinusoidalPositionalEncoding';
    check.tensor(op, 'input', x);
    if (x.ndim < 2 || x.shape[x.ndim - 1] !== this.dModel) {
      throw new Error(
        `${op}: input of shape ${formatShape(x.shape)} must be [..., seq, dModel] with dModel = ${this.dModel}`,
      );
    }
    if (!Number.isInteger(offset) || offset < 0) {
      throw new Error(`${op}: offset must be a non-negative integer, got ${offset}`);
    }
    const seq = x.shape[x.ndim - 2];
    if (offset + seq > this.maxLen) {
      throw new Error(
        `${op}: a sequence of length ${seq} at offset ${offset} needs positions up to ${offset + seq - 1}, ` +
          `but maxLen = ${this.maxLen} (positions 0..${this.maxLen - 1}); raise maxLen`,
      );
    }
    return this.dropout.forward(add(x, narrow(this.pe, 0, offset, seq)));
  }
}
