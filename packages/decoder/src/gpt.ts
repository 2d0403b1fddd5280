/**
 * GPT: a decoder-only language model, laid out as nanoGPT's so its state dict moves to
 * PyTorch unchanged (`transformer.wte.weight`, `transformer.h.0.attn.c_attn.weight`, ...).
 *
 *   ids [B, T] → token embedding (+ learned positions) → nLayer blocks → LayerNorm → lm_head
 *   → logits [B, T, vocab]; with targets [B, T], also the mean cross-entropy (targets of -1 ignored).
 */
import { KVCache } from '@xf/attention';
import { LayerNorm } from '@xf/norm-residual';
import {
  arange,
  crossEntropy,
  dropout,
  formatShape,
  nn,
  noGrad,
  type Tensor,
  traceScope,
  traceStep,
} from '@xf/tensor';
import { Block } from './block.js';
import { type GPTConfig, resolveGPTConfig } from './config.js';
import { type GenerateOptions, generate } from './generate.js';

export interface GPTOutput {
  logits: Tensor;
  loss?: Tensor;
}

export interface GPTForwardOptions {
  /** One KV cache per layer (from `model.newCache()`), for incremental decoding. */
  cache?: KVCache[] | null;
}

class Transformer extends nn.Module {
  wte: nn.Embedding;
  wpe: nn.Embedding | null;
  h: nn.ModuleList<Block>;
  ln_f: LayerNorm;

  constructor(config: GPTConfig) {
    super();
    this.wte = new nn.Embedding(config.vocabSize, config.nEmbd);
    this.wpe =
      config.positional === 'learned' ? new nn.Embedding(config.blockSize, config.nEmbd) : null;
    this.h = new nn.ModuleList(Array.from({ length: config.nLayer }, () => new Block(config)));
    this.ln_f = new LayerNorm(config.nEmbd, { bias: config.bias });
  }
}

export class GPT extends nn.Module {
  readonly config: GPTConfig;
  transformer: Transformer;
  lm_head: nn.Linear;

  constructor(config: Partial<GPTConfig> = {}) {
    super();
    this.config = resolveGPTConfig(config);
    const c = this.config;
    this.transformer = new Transformer(c);
    this.lm_head = new nn.Linear(c.nEmbd, c.vocabSize, { bias: false });
    if (c.tieWeights) this.lm_head.weight = this.transformer.wte.weight;
    this.initWeights();
  }

  /** GPT-2's initialisation: N(0, 0.02) weights, zero biases, residual projections scaled by 1/√(2·nLayer). */
  private initWeights(): void {
    for (const m of this.modules()) {
      if (m instanceof nn.Linear) {
        nn.init.normal_(m.weight, 0, 0.02);
        if (m.bias) nn.init.zeros_(m.bias);
      } else if (m instanceof nn.Embedding) {
        nn.init.normal_(m.weight, 0, 0.02);
      }
    }
    const std = 0.02 / Math.sqrt(2 * this.config.nLayer);
    for (const block of this.transformer.h) {
      nn.init.normal_(block.attn.c_proj.weight, 0, std);
      nn.init.normal_(block.mlp.c_proj.weight, 0, std);
    }
  }

  /** Continues idx [B, T] by maxNewTokens sampled tokens (see `generate`); returns [B, T + new]. */
  generate(
    idx: Tensor,
    maxNewTokens: number,
    options: Omit<GenerateOptions, 'maxNewTokens'> = {},
  ): Tensor {
    return generate(this, idx, { ...options, maxNewTokens });
  }

  /**
   * Attention weights of every layer for idx [B, T] (eval mode, no gradients): one tensor
   * [B, nHead, T, T] per layer, row = query, column = key. For heatmaps.
   */
  attentionMaps(idx: Tensor): Tensor[] {
    const layers = [...this.transformer.h];
    const wasTraining = this.training;
    this.eval();
    for (const block of layers) block.attn.storeAttnWeights = true;
    try {
      noGrad(() => this.forward(idx));
      return layers.map((block) => block.attn.lastAttnWeights!);
    } finally {
      for (const block of layers) {
        block.attn.storeAttnWeights = false;
        block.attn.lastAttnWeights = null;
      }
      this.train(wasTraining);
    }
  }

  /** Fresh, empty KV caches, one per layer. */
  newCache(): KVCache[] {
    return Array.from({ length: this.config.nLayer }, () => new KVCache());
  }

  override forward(
    idx: Tensor,
    targets?: Tensor | null,
    options: GPTForwardOptions = {},
  ): GPTOutput {
    const { blockSize, vocabSize } = this.config;
    if (idx.ndim !== 2) {
      throw new Error(`GPT: idx must be token ids [B, T], got shape ${formatShape(idx.shape)}`);
    }
    const [B, T] = idx.shape;
    const cache = options.cache ?? null;
    if (cache && cache.length !== this.config.nLayer) {
      throw new Error(`GPT: cache has ${cache.length} layers, the model has ${this.config.nLayer}`);
    }
    const past = cache ? cache[0].length : 0;
    if (past + T > blockSize) {
      throw new Error(
        `GPT: cannot read ${T} tokens after ${past} cached ones: ${past + T} > config.blockSize (${blockSize}); crop the input to the last ${blockSize} tokens`,
      );
    }
    traceStep('idx', idx, 'token ids [B, T]');
    let x = this.transformer.wte.forward(idx);
    traceStep('wte', x, 'token embeddings [B, T, C]');
    if (this.transformer.wpe) {
      const pos = this.transformer.wpe.forward(arange(past, past + T));
      traceStep('wpe', pos, 'position embeddings [T, C]');
      x = x.add(pos);
    }
    x = dropout(x, this.config.dropout, this.training);
    let i = 0;
    for (const block of this.transformer.h) {
      const layerCache = cache ? cache[i] : null;
      x = traceScope(`h.${i}`, () => block.forward(x, { cache: layerCache }));
      i++;
    }
    x = this.transformer.ln_f.forward(x);
    const logits = this.lm_head.forward(x);
    traceStep('logits', logits, `[B, T, vocab = ${vocabSize}]`);
    if (!targets) return { logits };
    if (targets.ndim !== 2 || targets.shape[0] !== B || targets.shape[1] !== T) {
      throw new Error(
        `GPT: targets must have the shape of idx ${formatShape(idx.shape)}, got ${formatShape(targets.shape)}`,
      );
    }
    const loss = crossEntropy(logits.reshape(B * T, vocabSize), targets.reshape(B * T), {
      ignoreIndex: -1,
    });
    return { logits, loss };
  }
}
