/**
 * A stack of encoder layers, as torch.nn.TransformerEncoder: each layer's output is the next
 * one's input, and an optional final norm (needed after pre-norm layers, whose outputs are
 * never normalised) is applied at the end. State-dict names: layers.{i}.<the layer's names>,
 * norm.{weight,bias}.
 */
import type { LayerNorm, RMSNorm } from '@xf/norm-residual';
import { check, nn, type Tensor, traceScope, traceStep } from '@xf/tensor';
import {
  TransformerEncoderLayer,
  type TransformerEncoderLayerForwardOptions,
} from './encoder-layer.js';

export interface TransformerEncoderOptions {
  /** Applied to the last layer's output (default none); pass a LayerNorm after pre-norm layers. */
  norm?: LayerNorm | RMSNorm | nn.Module | null;
}

export interface TransformerEncoderForwardOptions {
  /** [T, T] or [B·nhead, T, T], bool true = may NOT attend; given to every layer as srcMask. */
  mask?: Tensor | null;
  /** [B, T], bool true = padding; given to every layer. */
  srcKeyPaddingMask?: Tensor | null;
  /** Causal masking in every layer. */
  isCausal?: boolean;
}

/** What a layer must do to be stacked: take src and the masks, give a tensor of src's shape. */
export interface EncoderLayerLike extends nn.Module {
  forward(src: Tensor, options?: TransformerEncoderLayerForwardOptions): Tensor;
}

const OP = 'TransformerEncoder';

function build<L extends EncoderLayerLike>(
  encoderLayer: L | ((index: number) => L),
  numLayers: number,
): L[] {
  if (encoderLayer instanceof TransformerEncoderLayer) {
    // as PyTorch: numLayers deep copies, so every layer starts from the same weights
    return Array.from({ length: numLayers }, () => encoderLayer.clone() as unknown as L);
  }
  if (typeof encoderLayer !== 'function') {
    throw new TypeError(
      `${OP}: encoderLayer must be a TransformerEncoderLayer (copied numLayers times) or a ` +
        `factory (index) => layer, got ${encoderLayer instanceof nn.Module ? encoderLayer.constructor.name : check.describe(encoderLayer)}`,
    );
  }
  const layers: L[] = [];
  for (let i = 0; i < numLayers; i++) {
    const layer = encoderLayer(i);
    if (!(layer instanceof nn.Module)) {
      throw new TypeError(
        `${OP}: the layer factory returned ${check.describe(layer)} for layer ${i}, expected an nn.Module`,
      );
    }
    const j = layers.indexOf(layer);
    if (j >= 0) {
      throw new Error(
        `${OP}: the layer factory returned the same module for layers ${j} and ${i}; ` +
          'return a new layer from each call (shared layers would share weights)',
      );
    }
    layers.push(layer);
  }
  return layers;
}

export class TransformerEncoder<
  L extends EncoderLayerLike = TransformerEncoderLayer,
> extends nn.Module {
  readonly numLayers: number;
  layers: nn.ModuleList<L>;
  norm: nn.Module | null;

  /**
   * `encoderLayer` is copied numLayers times, as PyTorch does (identical starting weights);
   * a factory `(index) => layer` makes each layer afresh instead (independent initialisation).
   */
  constructor(
    encoderLayer: L | ((index: number) => L),
    numLayers: number,
    options: TransformerEncoderOptions = {},
  ) {
    super();
    this.numLayers = check.positiveInt(OP, 'numLayers', numLayers);
    this.layers = new nn.ModuleList(build(encoderLayer, numLayers));
    const norm = options.norm ?? null;
    if (norm !== null && !(norm instanceof nn.Module)) {
      throw new TypeError(
        `${OP}: norm must be an nn.Module (e.g. a LayerNorm), got ${check.describe(norm)}`,
      );
    }
    this.norm = norm;
  }

  /** src as the layers take it ([T, B, dModel], or [B, T, dModel] with batchFirst) → same shape. */
  override forward(src: Tensor, options: TransformerEncoderForwardOptions = {}): Tensor {
    const { mask = null, srcKeyPaddingMask = null, isCausal = false } = options;
    let x = src;
    let i = 0;
    for (const layer of this.layers) {
      const input = x;
      x = traceScope(`layers.${i}`, () =>
        layer.forward(input, { srcMask: mask, srcKeyPaddingMask, isCausal }),
      );
      i++;
    }
    if (this.norm) {
      x = this.norm.forward(x) as Tensor;
      traceStep('norm', x, 'final norm');
    }
    return x;
  }
}
