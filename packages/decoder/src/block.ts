/**
 * One transformer block of a decoder-only model: masked self-attention, then the MLP,
 * each inside a residual connection with a LayerNorm (before the sublayer in GPT-2's
 * pre-norm, after the addition in the original post-norm).
 */
import { LayerNorm, residual } from '@xf/norm-residual';
import { nn, type Tensor, traceScope } from '@xf/tensor';
import { type AttentionStepOptions, CausalSelfAttention } from './causal-self-attention.js';
import type { GPTConfig } from './config.js';
import { MLP } from './mlp.js';

export class Block extends nn.Module {
  ln_1: LayerNorm;
  attn: CausalSelfAttention;
  ln_2: LayerNorm;
  mlp: MLP;
  readonly norm: 'pre' | 'post';

  constructor(config: GPTConfig) {
    super();
    this.norm = config.norm;
    this.ln_1 = new LayerNorm(config.nEmbd, { bias: config.bias });
    this.attn = new CausalSelfAttention(config);
    this.ln_2 = new LayerNorm(config.nEmbd, { bias: config.bias });
    this.mlp = new MLP(config);
  }

  override forward(x: Tensor, options: AttentionStepOptions = {}): Tensor {
    const norm = this.norm;
    const h = traceScope('attn', () =>
      residual(
        x,
        (t) => this.attn.forward(t, options),
        (t) => this.ln_1.forward(t),
        { norm },
      ),
    );
    return traceScope('mlp', () =>
      residual(
        h,
        (t) => this.mlp.forward(t),
        (t) => this.ln_2.forward(t),
        { norm },
      ),
    );
  }
}
