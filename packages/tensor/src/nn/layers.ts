/** The basic layers: Linear, Embedding, Dropout. */
import { linear } from '../ops/matmul.js';
import { dropout } from '../ops/random.js';
import type { Tensor } from '../tensor.js';
import { embedding } from './functional.js';
import { kaimingUniform_, normal_, uniform_ } from './init.js';
import { Module } from './module.js';
import { Parameter } from './parameter.js';

/** y = x Wᵀ + b, weight [outFeatures, inFeatures], initialised as PyTorch does (U(±1/√in)). */
export class Linear extends Module {
  readonly inFeatures: number;
  readonly outFeatures: number;
  weight: Parameter;
  bias: Parameter | null;

  constructor(inFeatures: number, outFeatures: number, options: { bias?: boolean } = {}) {
    super();
    for (const [name, v] of [
      ['inFeatures', inFeatures],
      ['outFeatures', outFeatures],
    ] as const) {
      if (!Number.isInteger(v) || v <= 0)
        throw new Error(`Linear: ${name} must be a positive integer, got ${v}`);
    }
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    this.weight = Parameter.empty([outFeatures, inFeatures]);
    kaimingUniform_(this.weight, Math.sqrt(5));
    this.bias = options.bias === false ? null : Parameter.empty([outFeatures]);
    if (this.bias) {
      const bound = 1 / Math.sqrt(inFeatures);
      uniform_(this.bias, -bound, bound);
    }
  }

  override forward(x: Tensor): Tensor {
    return linear(x, this.weight, this.bias);
  }
}

/** A lookup table of learned vectors, weight [numEmbeddings, embeddingDim] ~ N(0, 1). */
export class Embedding extends Module {
  readonly numEmbeddings: number;
  readonly embeddingDim: number;
  readonly paddingIdx: number | undefined;
  weight: Parameter;

  constructor(numEmbeddings: number, embeddingDim: number, options: { paddingIdx?: number } = {}) {
    super();
    for (const [name, v] of [
      ['numEmbeddings', numEmbeddings],
      ['embeddingDim', embeddingDim],
    ] as const) {
      if (!Number.isInteger(v) || v <= 0)
        throw new Error(`Embedding: ${name} must be a positive integer, got ${v}`);
    }
    this.numEmbeddings = numEmbeddings;
    this.embeddingDim = embeddingDim;
    this.paddingIdx = options.paddingIdx;
    this.weight = Parameter.empty([numEmbeddings, embeddingDim]);
    normal_(this.weight);
    if (this.paddingIdx !== undefined) {
      const row = this.paddingIdx < 0 ? this.paddingIdx + numEmbeddings : this.paddingIdx;
      if (row < 0 || row >= numEmbeddings) {
        throw new Error(
          `Embedding: paddingIdx ${this.paddingIdx} is out of range for ${numEmbeddings} embeddings`,
        );
      }
      this.weight.data.fill(0, row * embeddingDim, (row + 1) * embeddingDim);
    }
  }

  override forward(ids: Tensor): Tensor {
    return embedding(ids, this.weight, this.paddingIdx);
  }
}

/** Zeroes elements with probability p during training (scaling the rest by 1/(1-p)); identity in eval. */
export class Dropout extends Module {
  readonly p: number;

  constructor(p = 0.5) {
    super();
    if (!(p >= 0 && p <= 1))
      throw new Error(`Dropout: probability has to be between 0 and 1, got ${p}`);
    this.p = p;
  }

  override forward(x: Tensor): Tensor {
    return dropout(x, this.p, this.training);
  }
}
