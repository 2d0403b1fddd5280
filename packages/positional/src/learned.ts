/**
 * Learned absolute positions (GPT-2's `wpe`): one trainable vector per position, looked up
 * like a token embedding and added to it. Simple and effective, but it knows nothing about
 * positions it never saw in training.
 */
import { check, formatShape, nn, type Tensor } from '@xf/tensor';

/**
 * weight [maxLen, dModel] ~ N(0, 1), as nn.Embedding (GPT-2 re-initialises it with
 * std 0.02). State dict: `weight`.
 */
export class LearnedPositionalEmbedding extends nn.Module {
  readonly maxLen: number;
  readonly dModel: number;
  weight: nn.Parameter;

  constructor(maxLen: number, dModel: number) {
    super();
    this.maxLen = check.positiveInt('LearnedPositionalEmbedding', 'maxLen', maxLen);
    this.dModel = check.positiveInt('LearnedPositionalEmbedding', 'dModel', dModel);
    this.weight = nn.Parameter.empty([maxLen, dModel]);
    nn.init.normal_(this.weight);
  }

  /**
   * A length `seq` gives the rows for positions offset .. offset + seq - 1: [seq, dModel].
   * Positions (a tensor or array of integers) give [...positions.shape, dModel], shifted by offset.
   */
  override forward(input: number | Tensor | ArrayLike<number>, offset = 0): Tensor {
    const op = 'LearnedPositionalEmbedding';
    if (!Number.isInteger(offset) || offset < 0) {
      throw new Error(`${op}: offset must be a non-negative integer, got ${offset}`);
    }
    let positions: Float32Array;
    let shape: number[];
    if (typeof input === 'number') {
      if (!Number.isInteger(input) || input < 0) {
        throw new Error(`${op}: sequence length must be a non-negative integer, got ${input}`);
      }
      if (offset + input > this.maxLen) {
        throw new Error(
          `${op}: a sequence of length ${input} at offset ${offset} needs positions up to ${offset + input - 1}, ` +
            `but maxLen = ${this.maxLen}`,
        );
      }
      positions = Float32Array.from({ length: input }, (_, i) => offset + i);
      shape = [input];
    } else {
      const values =
        'data' in input && 'shape' in input ? (input as Tensor).data : (input as ArrayLike<number>);
      shape = 'shape' in input ? [...(input as Tensor).shape] : [values.length];
      positions = Float32Array.from(values, (p) => p + offset);
      for (let i = 0; i < positions.length; i++) {
        const p = positions[i];
        if (!Number.isInteger(p) || p < 0 || p >= this.maxLen) {
          throw new Error(
            `${op}: position ${p} (at index ${i} of positions ${formatShape(shape)}, offset ${offset}) is out of range for maxLen = ${this.maxLen}`,
          );
        }
      }
    }
    const rows = nn.functional.embedding(positions, this.weight);
    return rows.reshape([...shape, this.dModel]);
  }
}
