/**
 * The encoder-decoder transformer of "Attention Is All You Need": the encoder reads the whole
 * source, the decoder writes the target one token at a time, attending causally to what it has
 * written and, through cross-attention, to everything the encoder produced.
 *
 *   src [B, S] → embed · √d + positions → encoder → memory [B, S, d]
 *   tgtIn [B, T] (BOS then the target, shifted right) → embed · √d + positions
 *     → decoder(·, memory) → generator → logits [B, T, tgtVocab]
 *
 * Names follow PyTorch's nn.Transformer (`transformer.encoder.layers.0.self_attn.in_proj_weight`,
 * `transformer.decoder.layers.0.multihead_attn...`) with the embeddings and the output
 * projection named as in PyTorch's translation tutorial (src_tok_emb, tgt_tok_emb, generator).
 */
import { KVCache } from '@xf/attention';
import { TransformerEncoder, TransformerEncoderLayer } from '@xf/encoder';
import { LayerNorm } from '@xf/norm-residual';
import { LearnedPositionalEmbedding, SinusoidalPositionalEncoding } from '@xf/positional';
import {
  crossEntropy,
  eq,
  formatShape,
  Generator,
  inferenceMode,
  nn,
  type Tensor,
  tensor,
  traceScope,
  traceStep,
} from '@xf/tensor';
import { TransformerDecoder, TransformerDecoderLayer } from './decoder-layer.js';
import { type SampleOptions, sampleNext } from './sampling.js';
import { resolveSeq2SeqConfig, type Seq2SeqConfig } from './seq2seq-config.js';

export interface Seq2SeqOutput {
  logits: Tensor;
  loss?: Tensor;
}

export interface Seq2SeqGenerateOptions extends SampleOptions {
  /** Most tokens to write per row (EOS included). */
  maxNewTokens: number;
  /** Reuse the decoder's keys and values of earlier positions (default true). */
  useCache?: boolean;
  seed?: number;
}

class EncoderDecoder extends nn.Module {
  encoder: TransformerEncoder;
  decoder: TransformerDecoder;

  constructor(c: Seq2SeqConfig) {
    super();
    const options = {
      dimFeedforward: c.dimFeedforward ?? 4 * c.dModel,
      dropout: c.dropout,
      activation: c.activation,
      normFirst: c.normFirst,
      batchFirst: true,
    };
    this.encoder = new TransformerEncoder(
      () => new TransformerEncoderLayer(c.dModel, c.nHead, options),
      c.numEncoderLayers,
      {
        norm: new LayerNorm(c.dModel),
      },
    );
    this.decoder = new TransformerDecoder(
      () => new TransformerDecoderLayer(c.dModel, c.nHead, options),
      c.numDecoderLayers,
      {
        norm: new LayerNorm(c.dModel),
      },
    );
  }
}

export class Seq2SeqTransformer extends nn.Module {
  readonly config: Seq2SeqConfig;
  src_tok_emb: nn.Embedding;
  tgt_tok_emb: nn.Embedding;
  positional: SinusoidalPositionalEncoding | LearnedPositionalEmbedding;
  transformer: EncoderDecoder;
  generator: nn.Linear;

  constructor(
    config: Partial<Seq2SeqConfig> & Pick<Seq2SeqConfig, 'srcVocabSize' | 'tgtVocabSize'>,
  ) {
    super();
    const c = resolveSeq2SeqConfig(config);
    this.config = c;
    this.src_tok_emb = new nn.Embedding(c.srcVocabSize, c.dModel);
    this.tgt_tok_emb = new nn.Embedding(c.tgtVocabSize, c.dModel);
    this.positional =
      c.positional === 'sinusoidal'
        ? new SinusoidalPositionalEncoding(c.dModel, { maxLen: c.maxLen, dropout: c.dropout })
        : new LearnedPositionalEmbedding(c.maxLen, c.dModel);
    this.transformer = new EncoderDecoder(c);
    this.generator = new nn.Linear(c.dModel, c.tgtVocabSize);
    // the paper's init: Xavier-uniform for every matrix
    for (const [, p] of this.namedParameters()) if (p.ndim > 1) nn.init.xavierUniform_(p);
  }

  /** Token embeddings scaled by √d (as the paper) plus positions starting at `offset`. */
  private embed(table: nn.Embedding, ids: Tensor, offset: number): Tensor {
    const x = table.forward(ids).mul(Math.sqrt(this.config.dModel));
    if (this.positional instanceof SinusoidalPositionalEncoding)
      return this.positional.forward(x, offset);
    return x.add(this.positional.forward(ids.shape[1], offset));
  }

  private checkIds(name: string, ids: Tensor, vocab: number): void {
    if (ids.ndim !== 2)
      throw new Error(
        `Seq2SeqTransformer: ${name} must be token ids [B, L], got ${formatShape(ids.shape)}`,
      );
    if (ids.shape[1] > this.config.maxLen) {
      throw new Error(
        `Seq2SeqTransformer: ${name} has length ${ids.shape[1]}, more than config.maxLen (${this.config.maxLen})`,
      );
    }
    for (let i = 0; i < ids.data.length; i++) {
      const v = ids.data[i];
      if (!Number.isInteger(v) || v < 0 || v >= vocab) {
        throw new Error(
          `Seq2SeqTransformer: ${name} holds ${v} at flat index ${i}, not a token id in [0, ${vocab})`,
        );
      }
    }
  }

  /** The encoder's output [B, S, d] and the source padding mask [B, S] (true = padding). */
  encode(src: Tensor): { memory: Tensor; srcPadding: Tensor } {
    this.checkIds('src', src, this.config.srcVocabSize);
    const srcPadding = eq(src, this.config.padId);
    traceStep('src', src, 'source ids [B, S]');
    const x = this.embed(this.src_tok_emb, src, 0);
    traceStep('src.embedded', x, 'embedding · √d + positions');
    const memory = traceScope('encoder', () =>
      this.transformer.encoder.forward(x, { srcKeyPaddingMask: srcPadding }),
    );
    traceStep('memory', memory, 'encoder output [B, S, d]');
    return { memory, srcPadding };
  }

  /** Logits for target positions given the memory; with a cache, tgtIn holds only the new positions. */
  decode(
    tgtIn: Tensor,
    memory: Tensor,
    srcPadding: Tensor,
    cache: KVCache[] | null = null,
  ): Tensor {
    this.checkIds('tgtIn', tgtIn, this.config.tgtVocabSize);
    const past = cache ? cache[0].length : 0;
    if (past + tgtIn.shape[1] > this.config.maxLen) {
      throw new Error(
        `Seq2SeqTransformer: target length ${past + tgtIn.shape[1]} exceeds config.maxLen (${this.config.maxLen})`,
      );
    }
    const y = this.embed(this.tgt_tok_emb, tgtIn, past);
    traceStep('tgt.embedded', y, 'embedding · √d + positions');
    const out = traceScope('decoder', () =>
      this.transformer.decoder.forward(y, memory, {
        tgtIsCausal: true,
        // a cache only ever holds real tokens, and stepping never feeds padding back in
        tgtKeyPaddingMask: cache ? null : eq(tgtIn, this.config.padId),
        memoryKeyPaddingMask: srcPadding,
        cache,
      }),
    );
    const logits = this.generator.forward(out);
    traceStep('logits', logits, `[B, T, tgtVocab = ${this.config.tgtVocabSize}]`);
    return logits;
  }

  /**
   * src [B, S] and tgtIn [B, T] (BOS + target shifted right) → logits [B, T, vocab]; with
   * targets [B, T] also the mean cross-entropy, padding ignored.
   */
  override forward(
    src: Tensor,
    tgtIn: Tensor,
    options: { targets?: Tensor | null } = {},
  ): Seq2SeqOutput {
    if (src.shape[0] !== tgtIn.shape[0]) {
      throw new Error(
        `Seq2SeqTransformer: src ${formatShape(src.shape)} and tgtIn ${formatShape(tgtIn.shape)} have different batch sizes`,
      );
    }
    const { memory, srcPadding } = this.encode(src);
    const logits = this.decode(tgtIn, memory, srcPadding);
    const targets = options.targets;
    if (!targets) return { logits };
    const [B, T, V] = logits.shape;
    if (targets.ndim !== 2 || targets.shape[0] !== B || targets.shape[1] !== T) {
      throw new Error(
        `Seq2SeqTransformer: targets must have the shape of tgtIn ${formatShape(tgtIn.shape)}, got ${formatShape(targets.shape)}`,
      );
    }
    const loss = crossEntropy(logits.reshape(B * T, V), targets.reshape(B * T), {
      ignoreIndex: this.config.padId,
    });
    return { logits, loss };
  }

  /** Fresh, empty caches for the decoder's self-attention, one per layer. */
  newCache(): KVCache[] {
    return Array.from({ length: this.config.numDecoderLayers }, () => new KVCache());
  }

  /**
   * Writes a target for each source row: BOS first, then one sampled token at a time until EOS
   * (greedy with temperature 0; padding and BOS are never sampled). Returns int32 [B, L] without the BOS; a row that ended early
   * is filled with padId after its EOS. The cache changes how much is recomputed, not the result.
   */
  generate(src: Tensor, options: Seq2SeqGenerateOptions): Tensor {
    const { maxNewTokens, useCache = true } = options;
    const { bosId, eosId, padId, maxLen } = this.config;
    if (!Number.isInteger(maxNewTokens) || maxNewTokens < 1 || maxNewTokens >= maxLen) {
      throw new Error(
        `Seq2SeqTransformer.generate: maxNewTokens must be an integer in [1, ${maxLen - 1}], got ${maxNewTokens}`,
      );
    }
    const generator =
      options.generator ?? (options.seed !== undefined ? new Generator(options.seed) : undefined);
    const B = src.shape[0];
    const rows = Array.from({ length: B }, () => [bosId]);
    const done = new Array<boolean>(B).fill(false);
    const wasTraining = this.training;
    this.eval();
    try {
      inferenceMode(() => {
        const { memory, srcPadding } = this.encode(src);
        const cache = useCache ? this.newCache() : null;
        for (let step = 0; step < maxNewTokens && !done.every(Boolean); step++) {
          const from = cache ? rows[0].length - 1 : 0;
          const input = tensor(
            rows.flatMap((r) => r.slice(from)),
            [B, rows[0].length - from],
            { dtype: 'int32' },
          );
          const logits = this.decode(input, memory, srcPadding, cache);
          const [, T, V] = logits.shape;
          const last = logits
            .narrow(1, T - 1, 1)
            .reshape(B, V)
            .clone();
          // padding and BOS are never outputs: only ever predict real tokens or EOS
          for (let b = 0; b < B; b++) {
            last.data[b * V + padId] = Number.NEGATIVE_INFINITY;
            last.data[b * V + bosId] = Number.NEGATIVE_INFINITY;
          }
          const next = sampleNext(last, { ...options, generator }).data;
          rows.forEach((r, b) => {
            r.push(done[b] ? padId : next[b]);
            if (next[b] === eosId) done[b] = true;
          });
        }
      });
    } finally {
      this.train(wasTraining);
    }
    const length = rows[0].length - 1;
    return tensor(
      rows.flatMap((r) => r.slice(1)),
      [B, length],
      { dtype: 'int32' },
    );
  }
}
