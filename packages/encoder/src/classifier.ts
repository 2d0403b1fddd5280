/**
 * A sequence classifier built from the encoder: token embedding + positions, N encoder
 * layers that see only the real tokens (padding is masked as a key), one vector per sequence
 * (mean over the real tokens, or the first token), and a linear head to class logits.
 *
 *   ids [B, T] → embedding [B, T, d] → + positions → encoder [B, T, d] → pool [B, d] → logits
 *
 * State dict: embedding.weight, positional.weight (learned positions only),
 * encoder.layers.{i}.<TransformerEncoderLayer names>, encoder.norm.* (with a final norm),
 * head.weight, head.bias.
 */
import { LayerNorm } from '@xf/norm-residual';
import { LearnedPositionalEmbedding, SinusoidalPositionalEncoding } from '@xf/positional';
import {
  argmax,
  binaryCrossEntropyWithLogits,
  crossEntropy,
  nn,
  reshape,
  sigmoid,
  softmax,
  stack,
  type Tensor,
  traceScope,
  traceStep,
} from '@xf/tensor';
import {
  type EncoderClassifierConfig,
  type ResolvedEncoderClassifierConfig,
  resolveEncoderClassifierConfig,
} from './config.js';
import { TransformerEncoder } from './encoder.js';
import { TransformerEncoderLayer } from './encoder-layer.js';
import { inEvalMode } from './eval-mode.js';
import { checkIds, checkTargets, type Ids, type PerSequence, paddingFrom } from './inputs.js';
import { firstTokenPool, meanPool } from './pooling.js';

export interface EncoderClassifierForwardOptions {
  /** Labels [B]: class indices, or 0/1 (or soft labels in [0, 1]) for the sigmoid head. */
  targets?: PerSequence | null;
  /** Real tokens per sequence [B]; positions from lengths[b] on are padding. Overrides config.padId. */
  lengths?: PerSequence | null;
}

export interface EncoderClassifierOutput {
  /** [B] for the binary sigmoid head (one logit each), else [B, numClasses]. */
  logits: Tensor;
  /** Mean loss over the batch, when targets are given. */
  loss?: Tensor;
}

export interface EncoderOutput {
  /** The last layer's output (after the final norm, if any): [B, T, dModel]. */
  hidden: Tensor;
  /** [B, T], true at padding (PyTorch's key-padding convention); null when nothing is padded. */
  paddingMask: Tensor | null;
}

export class EncoderClassifier extends nn.Module {
  /** The full configuration, defaults filled in: JSON that rebuilds this model. */
  readonly config: Readonly<ResolvedEncoderClassifierConfig>;
  embedding: nn.Embedding;
  positional: SinusoidalPositionalEncoding | LearnedPositionalEmbedding;
  dropout: nn.Dropout;
  encoder: TransformerEncoder;
  head: nn.Linear;

  constructor(config: EncoderClassifierConfig) {
    super();
    const c = resolveEncoderClassifierConfig(config);
    this.config = Object.freeze(c);
    this.embedding = new nn.Embedding(
      c.vocabSize,
      c.dModel,
      c.padId === null ? {} : { paddingIdx: c.padId },
    );
    // the table's own dropout stays 0: one dropout after the sum serves both kinds
    this.positional =
      c.positional === 'learned'
        ? new LearnedPositionalEmbedding(c.maxLen, c.dModel)
        : new SinusoidalPositionalEncoding(c.dModel, { maxLen: c.maxLen, dropout: 0 });
    this.dropout = new nn.Dropout(c.dropout);
    const layer = () =>
      new TransformerEncoderLayer(c.dModel, c.nHead, {
        dimFeedforward: c.dimFeedforward,
        dropout: c.dropout,
        activation: c.activation,
        layerNormEps: c.layerNormEps,
        batchFirst: true,
        normFirst: c.normFirst,
        bias: c.bias,
      });
    // a factory, not one layer copied: each layer gets its own random start
    this.encoder = new TransformerEncoder(layer, c.nLayer, {
      norm: c.finalNorm ? new LayerNorm(c.dModel, { eps: c.layerNormEps, bias: c.bias }) : null,
    });
    this.head = new nn.Linear(c.dModel, this.numLogits);
  }

  /** 1 for the binary sigmoid head, else numClasses. */
  get numLogits(): number {
    return this.sigmoidHead ? 1 : this.config.numClasses;
  }

  private get sigmoidHead(): boolean {
    return this.config.numClasses === 2 && this.config.binaryHead === 'sigmoid';
  }

  /**
   * ids [B, T] → the encoder's output, one vector per token [B, T, dModel], and the padding
   * mask [B, T] (true = padding) or null. Outputs at padded positions are computed but
   * nothing else depends on them.
   */
  encode(ids: Ids, options: Pick<EncoderClassifierForwardOptions, 'lengths'> = {}): EncoderOutput {
    const c = this.config;
    const tokens = checkIds(ids, c);
    const T = tokens.shape[1];
    traceStep('ids', tokens, 'token ids');
    const paddingMask = paddingFrom(tokens, options.lengths, c);
    if (paddingMask) traceStep('padding_mask', paddingMask, 'true = padding, never attended to');

    let x = this.embedding.forward(tokens);
    if (c.scaleEmbedding) x = x.mul(Math.sqrt(c.dModel));
    traceStep('embedding', x, c.scaleEmbedding ? 'E[ids] · √dModel' : 'E[ids]');
    x =
      this.positional instanceof LearnedPositionalEmbedding
        ? x.add(this.positional.forward(T))
        : this.positional.forward(x);
    traceStep('positional', x, `+ ${c.positional} positions 0..${T - 1}`);
    x = this.dropout.forward(x);

    const input = x;
    const hidden = traceScope('encoder', () =>
      this.encoder.forward(input, { srcKeyPaddingMask: paddingMask }),
    );
    return { hidden, paddingMask };
  }

  /** ids [B, T] (a tensor or rows of numbers) → logits, and the loss when targets are given. */
  override forward(
    ids: Ids,
    options: EncoderClassifierForwardOptions = {},
  ): EncoderClassifierOutput {
    const c = this.config;
    const { hidden: h, paddingMask: padding } = this.encode(ids, options);
    const B = h.shape[0];
    const pooled = c.pooling === 'mean' ? meanPool(h, padding) : firstTokenPool(h);
    traceStep(
      'pooled',
      pooled,
      c.pooling === 'mean' ? 'mean over real tokens' : 'first token ([CLS])',
    );
    let logits = this.head.forward(pooled);
    if (this.sigmoidHead) logits = reshape(logits, [B]);
    traceStep(
      'logits',
      logits,
      this.sigmoidHead ? 'one logit per sequence' : 'one logit per class',
    );
    if (options.targets === undefined || options.targets === null) return { logits };

    const y = checkTargets(options.targets, B, c, this.sigmoidHead);
    const loss = this.sigmoidHead
      ? binaryCrossEntropyWithLogits(logits, y)
      : crossEntropy(logits, y);
    traceStep(
      'loss',
      loss,
      this.sigmoidHead ? 'binary cross-entropy with logits' : 'cross-entropy',
    );
    return { logits, loss };
  }

  /**
   * Class probabilities [B, numClasses] (the sigmoid head gives [1 − p, p]), computed in eval
   * mode without gradients; the model's mode is left as it was.
   */
  probabilities(ids: Ids, options: Pick<EncoderClassifierForwardOptions, 'lengths'> = {}): Tensor {
    return inEvalMode(this, () => {
      const { logits } = this.forward(ids, { lengths: options.lengths });
      if (!this.sigmoidHead) return softmax(logits, -1);
      // σ(−z) rather than 1 − σ(z): no cancellation when σ(z) is close to 1
      return stack([sigmoid(logits.neg()), sigmoid(logits)], 1);
    });
  }

  /** The most probable class of each sequence, int32 [B]. */
  predict(ids: Ids, options: Pick<EncoderClassifierForwardOptions, 'lengths'> = {}): Tensor {
    return argmax(this.probabilities(ids, options), 1);
  }

  /** The config, for JSON.stringify(model) and checkpoints: `new EncoderClassifier(json)` rebuilds it. */
  toJSON(): ResolvedEncoderClassifierConfig {
    return { ...this.config };
  }
}
