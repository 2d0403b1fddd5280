/**
 * SwiGLU (Shazeer, "GLU Variants Improve Transformer"; used by LLaMA): a gated feed-forward
 * network. One projection, through SiLU, gates another elementwise before projecting back:
 * SwiGLU(x) = W₂ (silu(W₁ x) ⊙ W₃ x).
 */
import { check, formatShape, mul, nn, type Tensor } from '@xf/tensor';
import { biasActivation } from './bias-activation.js';

export interface SwiGLUOptions {
  /** Biases in the three projections; default false, as LLaMA. */
  bias?: boolean;
  /** The default hidden size is rounded up to a multiple of this (default 8). */
  multipleOf?: number;
}

/**
 * The default hidden size: ⅔ of a 4 · dModel FFN's width, rounded up to `multipleOf`.
 * Three matrices of width 8/3 · dModel hold as many weights as the two of width 4 · dModel,
 * so SwiGLU costs what the FFN it replaces cost (LLaMA's choice, which rounds to 256;
 * 8 suits the small models trained here).
 */
export function swigluHiddenDim(dModel: number, multipleOf = 8): number {
  check.positiveInt('swigluHiddenDim', 'dModel', dModel);
  check.positiveInt('swigluHiddenDim', 'multipleOf', multipleOf);
  const width = Math.floor((2 * 4 * dModel) / 3);
  return multipleOf * Math.ceil(width / multipleOf);
}

/**
 * On [..., dModel]. State dict (LLaMA's names): `w1.weight` [hidden, dModel] (gate),
 * `w3.weight` [hidden, dModel] (up), `w2.weight` [dModel, hidden] (down), and `w1.bias`,
 * `w3.bias` [hidden], `w2.bias` [dModel] with `bias: true`.
 */
export class SwiGLU extends nn.Module {
  readonly dModel: number;
  readonly hidden: number;
  w1: nn.Linear;
  w2: nn.Linear;
  w3: nn.Linear;

  constructor(dModel: number, hidden?: number, options: SwiGLUOptions = {}) {
    super();
    this.dModel = check.positiveInt('SwiGLU', 'dModel', dModel);
    this.hidden =
      hidden === undefined
        ? swigluHiddenDim(dModel, options.multipleOf ?? 8)
        : check.positiveInt('SwiGLU', 'hidden', hidden);
    const bias = options.bias ?? false;
    this.w1 = new nn.Linear(dModel, this.hidden, { bias });
    this.w2 = new nn.Linear(this.hidden, dModel, { bias });
    this.w3 = new nn.Linear(dModel, this.hidden, { bias });
  }

  /** [..., dModel] → [..., dModel]. */
  override forward(x: Tensor): Tensor {
    check.tensor('SwiGLU', 'input', x);
    if (x.ndim === 0 || x.shape[x.ndim - 1] !== this.dModel) {
      throw new Error(
        `SwiGLU: input of shape ${formatShape(x.shape)} does not end in dModel = ${this.dModel}`,
      );
    }
    const gate = biasActivation(nn.functional.linear(x, this.w1.weight), this.w1.bias, 'silu');
    return this.w2.forward(mul(gate, this.w3.forward(x)));
  }
}
