/**
 * The transformer's position-wise feed-forward network: the same two-layer MLP applied to
 * every position independently, FFN(x) = W₂ · dropout(act(W₁ x + b₁)) + b₂.
 * It widens each vector to dFF, applies a nonlinearity, and projects back to dModel.
 */
import { check, formatShape, nn, type Tensor } from '@xf/tensor';
import { type ActivationName, checkActivation } from './activation-names.js';
import { biasActivation } from './bias-activation.js';

export interface PositionWiseFFNOptions {
  /** Default 'relu', as the original paper and torch.nn.TransformerEncoderLayer. */
  activation?: ActivationName;
  /** Dropout after the activation; default 0.1, as torch.nn.TransformerEncoderLayer. */
  dropout?: number;
  /** Biases in both linear layers (default true). */
  bias?: boolean;
}

/**
 * Linear(dModel → dFF) → activation → dropout → Linear(dFF → dModel), on [..., dModel].
 * State dict: `linear1.weight` [dFF, dModel], `linear1.bias` [dFF], `linear2.weight`
 * [dModel, dFF], `linear2.bias` [dModel] (no biases with `bias: false`), the names of
 * torch.nn.TransformerEncoderLayer's feed-forward block.
 */
export class PositionWiseFFN extends nn.Module {
  readonly dModel: number;
  readonly dFF: number;
  readonly activation: ActivationName;
  linear1: nn.Linear;
  dropout: nn.Dropout;
  linear2: nn.Linear;

  constructor(dModel: number, dFF: number = 4 * dModel, options: PositionWiseFFNOptions = {}) {
    super();
    const op = 'PositionWiseFFN';
    this.dModel = check.positiveInt(op, 'dModel', dModel);
    this.dFF = check.positiveInt(op, 'dFF', dFF);
    this.activation = checkActivation(op, options.activation ?? 'relu');
    const bias = options.bias ?? true;
    this.linear1 = new nn.Linear(dModel, dFF, { bias });
    this.dropout = new nn.Dropout(check.probability(op, 'dropout', options.dropout ?? 0.1));
    this.linear2 = new nn.Linear(dFF, dModel, { bias });
  }

  /** [..., dModel] → [..., dModel]. */
  override forward(x: Tensor): Tensor {
    check.tensor('PositionWiseFFN', 'input', x);
    if (x.ndim === 0 || x.shape[x.ndim - 1] !== this.dModel) {
      throw new Error(
        `PositionWiseFFN: input of shape ${formatShape(x.shape)} does not end in dModel = ${this.dModel}`,
      );
    }
    // the first layer's bias goes into the fused bias + activation kernel
    const h = biasActivation(
      nn.functional.linear(x, this.linear1.weight),
      this.linear1.bias,
      this.activation,
    );
    return this.linear2.forward(this.dropout.forward(h));
  }
}
