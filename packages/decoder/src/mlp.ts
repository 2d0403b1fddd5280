/** nanoGPT's MLP: widen to 4C, GELU, project back to C. */
import { biasActivation } from '@xf/ffn';
import { dropout, linear, nn, type Tensor, traceStep } from '@xf/tensor';
import type { GPTConfig } from './config.js';

export class MLP extends nn.Module {
  c_fc: nn.Linear;
  c_proj: nn.Linear;
  readonly dropoutP: number;

  constructor(config: GPTConfig) {
    super();
    this.c_fc = new nn.Linear(config.nEmbd, 4 * config.nEmbd, { bias: config.bias });
    this.c_proj = new nn.Linear(4 * config.nEmbd, config.nEmbd, { bias: config.bias });
    this.dropoutP = config.dropout;
  }

  override forward(x: Tensor): Tensor {
    // c_fc's bias and the GELU run as one fused op
    const hidden = biasActivation(linear(x, this.c_fc.weight), this.c_fc.bias, 'gelu');
    traceStep('hidden', hidden, 'GELU(x W_fcᵀ + b) [B, T, 4C]');
    return dropout(this.c_proj.forward(hidden), this.dropoutP, this.training);
  }
}
