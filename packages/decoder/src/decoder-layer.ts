/**
 * A decoder block of the original transformer, mirroring torch.nn.TransformerDecoderLayer:
 * masked self-attention over the target so far, cross-attention from the target to the
 * encoder's output ("memory"), then the feed-forward network, each with a residual
 * connection and a LayerNorm (after the addition by default, before the sublayer with normFirst).
 * Masks follow PyTorch: a bool attnMask / keyPaddingMask is true where attention is NOT allowed.
 */
import { type KVCache, MultiHeadAttention } from '@xf/attention';
import {
  type Activation,
  linearActivation,
  type TransformerEncoderLayerOptions,
} from '@xf/encoder';
import { LayerNorm, residual } from '@xf/norm-residual';
import { check, formatShape, nn, type Tensor, traceScope, traceStep } from '@xf/tensor';

/** The same options as the encoder layer's (PyTorch's defaults). */
export type TransformerDecoderLayerOptions = TransformerEncoderLayerOptions;

export interface TransformerDecoderLayerForwardOptions {
  tgtMask?: Tensor | null;
  memoryMask?: Tensor | null;
  tgtKeyPaddingMask?: Tensor | null;
  memoryKeyPaddingMask?: Tensor | null;
  /** Mask future target positions (offset by the cache length when decoding step by step). */
  tgtIsCausal?: boolean;
  /** Keys and values of earlier target positions, for incremental decoding. */
  cache?: KVCache | null;
}

const OP = 'TransformerDecoderLayer';

export class TransformerDecoderLayer extends nn.Module {
  readonly dModel: number;
  readonly nhead: number;
  readonly dimFeedforward: number;
  readonly activation: Activation;
  readonly normFirst: boolean;
  readonly batchFirst: boolean;
  // snake_case and order are PyTorch's: they are the state-dict keys
  self_attn: MultiHeadAttention;
  multihead_attn: MultiHeadAttention;
  linear1: nn.Linear;
  dropout: nn.Dropout;
  linear2: nn.Linear;
  norm1: LayerNorm;
  norm2: LayerNorm;
  norm3: LayerNorm;
  dropout1: nn.Dropout;
  dropout2: nn.Dropout;
  dropout3: nn.Dropout;

  constructor(dModel: number, nhead: number, options: TransformerDecoderLayerOptions = {}) {
    super();
    this.dModel = check.positiveInt(OP, 'dModel', dModel);
    this.nhead = check.positiveInt(OP, 'nhead', nhead);
    if (dModel % nhead !== 0) {
      throw new Error(
        `${OP}: dModel (${dModel}) must be divisible by nhead (${nhead}); each head gets dModel / nhead dims`,
      );
    }
    this.dimFeedforward = check.positiveInt(OP, 'dimFeedforward', options.dimFeedforward ?? 2048);
    const p = options.dropout ?? 0.1;
    const bias = options.bias ?? true;
    const eps = options.layerNormEps ?? 1e-5;
    this.activation = options.activation ?? 'relu';
    this.normFirst = options.normFirst ?? false;
    this.batchFirst = options.batchFirst ?? false;
    const attention = () =>
      new MultiHeadAttention(dModel, nhead, { dropout: p, bias, batchFirst: this.batchFirst });
    this.self_attn = attention();
    this.multihead_attn = attention();
    this.linear1 = new nn.Linear(dModel, this.dimFeedforward, { bias });
    this.dropout = new nn.Dropout(p);
    this.linear2 = new nn.Linear(this.dimFeedforward, dModel, { bias });
    this.norm1 = new LayerNorm(dModel, { eps, bias });
    this.norm2 = new LayerNorm(dModel, { eps, bias });
    this.norm3 = new LayerNorm(dModel, { eps, bias });
    this.dropout1 = new nn.Dropout(p);
    this.dropout2 = new nn.Dropout(p);
    this.dropout3 = new nn.Dropout(p);
  }

  /** tgt [B, T, E] (batchFirst; else [T, B, E]) and memory [B, S, E] → [B, T, E]. */
  override forward(
    tgt: Tensor,
    memory: Tensor,
    options: TransformerDecoderLayerForwardOptions = {},
  ): Tensor {
    for (const [name, t] of [
      ['tgt', tgt],
      ['memory', memory],
    ] as const) {
      if (t.ndim !== 3 || t.shape[2] !== this.dModel) {
        throw new Error(
          `${OP}: ${name} must be 3-D with last dim dModel = ${this.dModel}, got ${formatShape(t.shape)}`,
        );
      }
    }
    const norm = this.normFirst ? 'pre' : 'post';
    const selfAttention = (x: Tensor) =>
      traceScope('self_attn', () =>
        this.dropout1.forward(
          this.self_attn.forward(x, x, x, {
            attnMask: options.tgtMask ?? null,
            keyPaddingMask: options.tgtKeyPaddingMask ?? null,
            isCausal: options.tgtIsCausal ?? false,
            kvCache: options.cache ?? null,
            needWeights: false,
          })[0],
        ),
      );
    const crossAttention = (x: Tensor) =>
      traceScope('multihead_attn', () =>
        this.dropout2.forward(
          this.multihead_attn.forward(x, memory, memory, {
            attnMask: options.memoryMask ?? null,
            keyPaddingMask: options.memoryKeyPaddingMask ?? null,
            needWeights: false,
          })[0],
        ),
      );
    const feedForward = (x: Tensor) => {
      const h = linearActivation(x, this.linear1.weight, this.linear1.bias, this.activation);
      traceStep('ffn.hidden', h, 'act(x W₁ᵀ + b₁)');
      return this.dropout3.forward(this.linear2.forward(this.dropout.forward(h)));
    };
    let x = residual(tgt, selfAttention, (t) => this.norm1.forward(t), { norm });
    x = residual(x, crossAttention, (t) => this.norm2.forward(t), { norm });
    return residual(x, feedForward, (t) => this.norm3.forward(t), { norm });
  }
}

/** A stack of decoder layers, `layers.{i}`, with an optional final norm, as torch.nn.TransformerDecoder. */
export class TransformerDecoder extends nn.Module {
  layers: nn.ModuleList<TransformerDecoderLayer>;
  norm: LayerNorm | null;

  constructor(
    layer: (index: number) => TransformerDecoderLayer,
    numLayers: number,
    options: { norm?: LayerNorm | null } = {},
  ) {
    super();
    if (!Number.isInteger(numLayers) || numLayers <= 0) {
      throw new Error(`TransformerDecoder: numLayers must be a positive integer, got ${numLayers}`);
    }
    this.layers = new nn.ModuleList(Array.from({ length: numLayers }, (_, i) => layer(i)));
    this.norm = options.norm ?? null;
  }

  override forward(
    tgt: Tensor,
    memory: Tensor,
    options: Omit<TransformerDecoderLayerForwardOptions, 'cache'> & {
      cache?: KVCache[] | null;
    } = {},
  ): Tensor {
    let x = tgt;
    let i = 0;
    for (const layer of this.layers) {
      const cache = options.cache ? options.cache[i] : null;
      x = traceScope(`layers.${i}`, () => layer.forward(x, memory, { ...options, cache }));
      i++;
    }
    return this.norm ? this.norm.forward(x) : x;
  }
}
