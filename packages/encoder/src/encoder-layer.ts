/**
 * One encoder block of "Attention Is All You Need", as torch.nn.TransformerEncoderLayer:
 * self-attention, then a position-wise feed-forward network, each inside a residual
 * connection with a LayerNorm ("Add & Norm").
 *
 *   post-norm (the paper, default):  x = norm1(x + SA(x));        x = norm2(x + FF(x))
 *   pre-norm (normFirst: true):      x = x + SA(norm1(x));        x = x + FF(norm2(x))
 *   FF(x) = linear2(dropout(act(linear1(x))))
 *
 * Attribute and state-dict names are PyTorch's: self_attn.in_proj_weight, self_attn.in_proj_bias,
 * self_attn.out_proj.{weight,bias}, linear1.{weight,bias}, linear2.{weight,bias},
 * norm1.{weight,bias}, norm2.{weight,bias}.
 */
import { MultiHeadAttention } from '@xf/attention';
import { LayerNorm, residual } from '@xf/norm-residual';
import { check, nn, type Tensor, traceScope, traceStep } from '@xf/tensor';
import { type Activation, checkActivation, linearActivation } from './activation.js';
import { checkLayerInputs } from './layer-masks.js';

export interface TransformerEncoderLayerOptions {
  /** Width of the feed-forward hidden layer (default 2048, as PyTorch). */
  dimFeedforward?: number;
  /** Dropout on the attention weights, the feed-forward hidden layer and both residual branches (default 0.1). */
  dropout?: number;
  /** 'relu' (default), 'gelu', 'gelu-tanh', 'silu', or a function of a tensor. */
  activation?: Activation;
  /** eps of both LayerNorms (default 1e-5). */
  layerNormEps?: number;
  /** src is [B, T, dModel] when true, [T, B, dModel] when false (default false, as PyTorch). */
  batchFirst?: boolean;
  /** Pre-norm when true; post-norm, the paper's, when false (default false). */
  normFirst?: boolean;
  /** Biases in the linear layers and the LayerNorms (default true). */
  bias?: boolean;
}

export interface TransformerEncoderLayerForwardOptions {
  /** [T, T] or [B·nhead, T, T]; bool true = may NOT attend, float values are added (PyTorch's convention). */
  srcMask?: Tensor | null;
  /** [B, T] ([T] unbatched); bool true = padding, ignored as a key (PyTorch's convention). */
  srcKeyPaddingMask?: Tensor | null;
  /** Causal masking: position i attends to positions 0..i (applies on its own, also without srcMask). */
  isCausal?: boolean;
}

const OP = 'TransformerEncoderLayer';

/** Records a step of a shape trace and passes the tensor on. */
function mark(name: string, x: Tensor, note: string): Tensor {
  traceStep(name, x, note);
  return x;
}

export class TransformerEncoderLayer extends nn.Module {
  readonly dModel: number;
  readonly nhead: number;
  readonly dimFeedforward: number;
  readonly activation: Activation;
  readonly layerNormEps: number;
  readonly batchFirst: boolean;
  readonly normFirst: boolean;
  readonly bias: boolean;
  // snake_case and declaration order are PyTorch's: they are the state-dict keys, in order
  self_attn: MultiHeadAttention;
  linear1: nn.Linear;
  dropout: nn.Dropout;
  linear2: nn.Linear;
  norm1: LayerNorm;
  norm2: LayerNorm;
  dropout1: nn.Dropout;
  dropout2: nn.Dropout;

  constructor(dModel: number, nhead: number, options: TransformerEncoderLayerOptions = {}) {
    super();
    this.dModel = check.positiveInt(OP, 'dModel', dModel);
    this.nhead = check.positiveInt(OP, 'nhead', nhead);
    if (dModel % nhead !== 0) {
      throw new Error(
        `${OP}: dModel (${dModel}) must be divisible by nhead (${nhead}); each head gets dModel / nhead dims`,
      );
    }
    this.dimFeedforward = check.positiveInt(OP, 'dimFeedforward', options.dimFeedforward ?? 2048);
    const p = check.probability(OP, 'dropout', options.dropout ?? 0.1);
    this.activation = checkActivation(OP, 'activation', options.activation ?? 'relu');
    this.layerNormEps = check.positiveNumber(OP, 'layerNormEps', options.layerNormEps ?? 1e-5);
    this.batchFirst = check.boolean(OP, 'batchFirst', options.batchFirst ?? false);
    this.normFirst = check.boolean(OP, 'normFirst', options.normFirst ?? false);
    this.bias = check.boolean(OP, 'bias', options.bias ?? true);

    const bias = this.bias;
    const eps = this.layerNormEps;
    this.self_attn = new MultiHeadAttention(dModel, nhead, {
      dropout: p,
      bias,
      batchFirst: this.batchFirst,
    });
    this.linear1 = new nn.Linear(dModel, this.dimFeedforward, { bias });
    this.dropout = new nn.Dropout(p);
    this.linear2 = new nn.Linear(this.dimFeedforward, dModel, { bias });
    this.norm1 = new LayerNorm(dModel, { eps, bias });
    this.norm2 = new LayerNorm(dModel, { eps, bias });
    this.dropout1 = new nn.Dropout(p);
    this.dropout2 = new nn.Dropout(p);
  }

  /** The constructor's options, as given back to it by clone(). */
  options(): Required<TransformerEncoderLayerOptions> {
    return {
      dimFeedforward: this.dimFeedforward,
      dropout: this.dropout.p,
      activation: this.activation,
      layerNormEps: this.layerNormEps,
      batchFirst: this.batchFirst,
      normFirst: this.normFirst,
      bias: this.bias,
    };
  }

  /** A new layer with the same options, a copy of these weights and the same training mode. */
  clone(): TransformerEncoderLayer {
    const copy = new TransformerEncoderLayer(this.dModel, this.nhead, this.options());
    copy.loadStateDict(this.stateDict());
    return copy.train(this.training);
  }

  /** src [T, B, dModel] ([B, T, dModel] with batchFirst; [T, dModel] unbatched) → same shape. */
  override forward(src: Tensor, options: TransformerEncoderLayerForwardOptions = {}): Tensor {
    const { srcMask = null, srcKeyPaddingMask = null, isCausal = false } = options;
    const x = checkLayerInputs({
      op: OP,
      src,
      dModel: this.dModel,
      nhead: this.nhead,
      batchFirst: this.batchFirst,
      srcMask,
      srcKeyPaddingMask,
    });
    const norm = this.normFirst ? 'pre' : 'post';
    const attend = (h: Tensor) => this.selfAttentionBlock(h, srcMask, srcKeyPaddingMask, isCausal);
    const feedForward = (h: Tensor) => this.feedForwardBlock(h);
    const norm1 = (h: Tensor) =>
      mark('norm1', this.norm1.forward(h), this.normFirst ? 'norm1(x)' : 'norm1(x + attention)');
    const norm2 = (h: Tensor) =>
      mark(
        'norm2',
        this.norm2.forward(h),
        this.normFirst ? 'norm2(x)' : 'norm2(x + FFN), the output',
      );
    // residual() from @xf/norm-residual: pre → x + f(norm(x)), post → norm(x + f(x))
    let y = residual(x, attend, norm1, { norm });
    if (this.normFirst) mark('residual1', y, 'x + attention(norm1(x))');
    y = residual(y, feedForward, norm2, { norm });
    if (this.normFirst) mark('residual2', y, 'x + FFN(norm2(x)), the output');
    return y;
  }

  /** dropout1(SelfAttention(x)): queries, keys and values all come from x. */
  private selfAttentionBlock(
    x: Tensor,
    attnMask: Tensor | null,
    keyPaddingMask: Tensor | null,
    isCausal: boolean,
  ): Tensor {
    const [out] = traceScope('self_attn', () =>
      this.self_attn.forward(x, x, x, { attnMask, keyPaddingMask, isCausal, needWeights: false }),
    );
    return this.dropout1.forward(out);
  }

  /** dropout2(linear2(dropout(act(linear1(x))))), the hidden bias and activation fused. */
  private feedForwardBlock(x: Tensor): Tensor {
    const h = linearActivation(x, this.linear1.weight, this.linear1.bias, this.activation);
    mark('ffn.hidden', h, 'act(x W₁ᵀ + b₁)');
    const out = mark('ffn.out', this.linear2.forward(this.dropout.forward(h)), 'h W₂ᵀ + b₂');
    return this.dropout2.forward(out);
  }
}
