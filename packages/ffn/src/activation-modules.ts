/** The activations as modules (torch.nn.GELU, ReLU, SiLU), for use inside nn.Sequential. */
import { nn, type Tensor } from '@xf/tensor';
import { type GeluOptions, gelu, relu, silu } from './activations.js';

export class GELU extends nn.Module {
  readonly approximate: 'none' | 'tanh';

  constructor(options: GeluOptions = {}) {
    super();
    this.approximate = options.approximate ?? 'none';
    if (this.approximate !== 'none' && this.approximate !== 'tanh') {
      throw new Error(
        `GELU: approximate must be 'none' or 'tanh', got '${String(this.approximate)}'`,
      );
    }
  }

  override forward(x: Tensor): Tensor {
    return gelu(x, { approximate: this.approximate });
  }
}

export class ReLU extends nn.Module {
  override forward(x: Tensor): Tensor {
    return relu(x);
  }
}

export class SiLU extends nn.Module {
  override forward(x: Tensor): Tensor {
    return silu(x);
  }
}
