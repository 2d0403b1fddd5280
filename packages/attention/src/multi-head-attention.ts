/**
 * Multi-head attention, as torch.nn.MultiheadAttention: project queries, keys and values,
 * split them into heads that attend independently, concatenate the heads and project back.
 *
 *   head_h = Attention(Q W_Q,h, K W_K,h, V W_V,h),   MHA(Q, K, V) = concat(head_1..H) W_O
 *
 * Parameter names and layouts are PyTorch's, so state dicts move between the two:
 * `in_proj_weight` [3E, E] when q, k and v share one fused projection, else
 * `q_proj_weight` [E, E], `k_proj_weight` [Hkv·D, kdim], `v_proj_weight` [Hkv·D, vdim];
 * `in_proj_bias`, `out_proj.weight` [E, E], `out_proj.bias`.
 */
import {
  chunk,
  formatShape,
  linear,
  mean,
  narrow,
  nn,
  squeeze,
  type Tensor,
  traceStep,
  transpose,
  unsqueeze,
} from '@xf/tensor';
import { attend } from './attend.js';
import { mergeHeads, splitHeads } from './heads.js';
import type { KVCache } from './kv-cache.js';
import { mhaMask } from './mha-masks.js';

export interface MultiHeadAttentionOptions {
  /** Dropout probability on the attention weights, in training mode only (default 0). */
  dropout?: number;
  /** Biases in the input and output projections (default true). */
  bias?: boolean;
  /** Width of the keys fed in (default embedDim); a different width forces separate projections. */
  kdim?: number;
  /** Width of the values fed in (default embedDim); a different width forces separate projections. */
  vdim?: number;
  /** Inputs and outputs are [B, L, E] when true, [L, B, E] when false (PyTorch's default, false). */
  batchFirst?: boolean;
  /** Key/value heads, each shared by numHeads / numKvHeads query heads (grouped-query; 1 = multi-query). */
  numKvHeads?: number;
  /** Separate q, k, v projection weights instead of one fused in_proj_weight (default false). */
  separateProjections?: boolean;
}

export interface MultiHeadAttentionForwardOptions {
  /**
   * [B, S] ([S] unbatched), PyTorch's convention: bool true = IGNORE this key (padding);
   * float values are added to the scores. The opposite of scaledDotProductAttention's bool
   * attnMask; asKeyPaddingMask converts a true-means-attend mask.
   */
  keyPaddingMask?: Tensor | null;
  /** Return the attention weights (default true). */
  needWeights?: boolean;
  /**
   * [L, S] or [B·numHeads, L, S] ([numHeads, L, S] unbatched), PyTorch's convention:
   * bool true = NOT allowed to attend; float values are added to the scores.
   */
  attnMask?: Tensor | null;
  /** Average the returned weights over heads: [B, L, S] instead of [B, H, L, S] (default true). */
  averageAttnWeights?: boolean;
  /**
   * Causal masking: query i sees keys up to its own position (with a cache, position
   * cache.length + i). Applies on its own; PyTorch treats it as a hint that needs attnMask.
   * Given with attnMask, both apply.
   */
  isCausal?: boolean;
  /** Appends this step's keys and values ([B, numKvHeads, S, headDim]) and attends over all cached ones. */
  kvCache?: KVCache | null;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`MultiHeadAttention: ${name} must be a positive integer, got ${value}`);
  }
  return value;
}

export class MultiHeadAttention extends nn.Module {
  readonly embedDim: number;
  readonly numHeads: number;
  readonly numKvHeads: number;
  readonly headDim: number;
  readonly kdim: number;
  readonly vdim: number;
  readonly batchFirst: boolean;
  readonly separateProjections: boolean;
  /** Dropout probability on the attention weights (training mode only). */
  readonly dropout: number;
  // snake_case on purpose: these are PyTorch's state-dict keys, in PyTorch's order (declaration order)
  in_proj_weight: nn.Parameter | null = null;
  q_proj_weight: nn.Parameter | null = null;
  k_proj_weight: nn.Parameter | null = null;
  v_proj_weight: nn.Parameter | null = null;
  in_proj_bias: nn.Parameter | null = null;
  out_proj: nn.Linear;
  /** The attention weights of the last forward, per head: [B, H, L, S] ([H, L, S] unbatched), detached. */
  lastAttnWeights: Tensor | null = null;

  constructor(embedDim: number, numHeads: number, options: MultiHeadAttentionOptions = {}) {
    super();
    this.embedDim = positiveInteger('embedDim', embedDim);
    this.numHeads = positiveInteger('numHeads', numHeads);
    if (embedDim % numHeads !== 0) {
      throw new Error(
        `MultiHeadAttention: embedDim = ${embedDim} must be divisible by numHeads = ${numHeads} ` +
          '(each head gets embedDim / numHeads dims)',
      );
    }
    this.headDim = embedDim / numHeads;
    this.numKvHeads = positiveInteger('numKvHeads', options.numKvHeads ?? numHeads);
    if (numHeads % this.numKvHeads !== 0) {
      throw new Error(
        `MultiHeadAttention: numHeads = ${numHeads} must be divisible by numKvHeads = ${this.numKvHeads} ` +
          '(each key/value head serves a group of query heads)',
      );
    }
    this.kdim = positiveInteger('kdim', options.kdim ?? embedDim);
    this.vdim = positiveInteger('vdim', options.vdim ?? embedDim);
    const dropout = options.dropout ?? 0;
    if (typeof dropout !== 'number' || !(dropout >= 0 && dropout <= 1)) {
      throw new Error(
        `MultiHeadAttention: dropout must be a probability between 0 and 1, got ${dropout}`,
      );
    }
    this.dropout = dropout;
    this.batchFirst = options.batchFirst ?? false;

    const forced: string[] = [];
    if (this.kdim !== embedDim) forced.push(`kdim = ${this.kdim}`);
    if (this.vdim !== embedDim) forced.push(`vdim = ${this.vdim}`);
    if (this.numKvHeads !== numHeads) forced.push(`numKvHeads = ${this.numKvHeads}`);
    if (options.separateProjections === false && forced.length > 0) {
      throw new Error(
        `MultiHeadAttention: separateProjections: false is impossible with ${forced.join(', ')} ` +
          `(a fused in_proj_weight needs kdim = vdim = embedDim = ${embedDim} and numKvHeads = numHeads)`,
      );
    }
    this.separateProjections = options.separateProjections ?? forced.length > 0;

    const kvWidth = this.numKvHeads * this.headDim;
    const { Parameter, init } = nn;
    if (this.separateProjections) {
      this.q_proj_weight = init.xavierUniform_(
        Parameter.empty([embedDim, embedDim]),
      ) as nn.Parameter;
      this.k_proj_weight = init.xavierUniform_(
        Parameter.empty([kvWidth, this.kdim]),
      ) as nn.Parameter;
      this.v_proj_weight = init.xavierUniform_(
        Parameter.empty([kvWidth, this.vdim]),
      ) as nn.Parameter;
    } else {
      this.in_proj_weight = init.xavierUniform_(
        Parameter.empty([3 * embedDim, embedDim]),
      ) as nn.Parameter;
    }
    const bias = options.bias ?? true;
    if (bias) this.in_proj_bias = Parameter.empty([embedDim + 2 * kvWidth]); // zeros, as PyTorch
    this.out_proj = new nn.Linear(embedDim, embedDim, { bias });
    if (this.out_proj.bias) init.zeros_(this.out_proj.bias);
  }

  /** q [B, L, E], k [B, S, Hkv·D], v [B, S, Hkv·D] from the batch-first inputs. */
  private project(query: Tensor, key: Tensor, value: Tensor, selfAttention: boolean): Tensor[] {
    const E = this.embedDim;
    const kvWidth = this.numKvHeads * this.headDim;
    const b = this.in_proj_bias;
    if (this.in_proj_weight && selfAttention) {
      // one product for all three, split afterwards
      return chunk(linear(query, this.in_proj_weight, b), 3, -1);
    }
    const W = this.in_proj_weight;
    const Wq = W ? narrow(W, 0, 0, E) : this.q_proj_weight!;
    const Wk = W ? narrow(W, 0, E, E) : this.k_proj_weight!;
    const Wv = W ? narrow(W, 0, 2 * E, E) : this.v_proj_weight!;
    return [
      linear(query, Wq, b ? narrow(b, 0, 0, E) : null),
      linear(key, Wk, b ? narrow(b, 0, E, kvWidth) : null),
      linear(value, Wv, b ? narrow(b, 0, E + kvWidth, kvWidth) : null),
    ];
  }

  private checkInputs(query: Tensor, key: Tensor, value: Tensor): void {
    const op = 'MultiHeadAttention';
    const layout = this.batchFirst ? '[B, L, E]' : '[L, B, E]';
    if (query.ndim !== 2 && query.ndim !== 3) {
      throw new Error(
        `${op}: query must be 3-D ${layout} (batchFirst = ${this.batchFirst}) or 2-D [L, E] unbatched, got shape ${formatShape(query.shape)}`,
      );
    }
    for (const [name, x] of [
      ['key', key],
      ['value', value],
    ] as const) {
      if (x.ndim !== query.ndim) {
        throw new Error(
          `${op}: ${name} must have the same rank as query (${query.ndim}-D), got shape ${formatShape(x.shape)}`,
        );
      }
    }
    const widths = [
      ['query', query, this.embedDim, 'embedDim'],
      ['key', key, this.kdim, 'kdim'],
      ['value', value, this.vdim, 'vdim'],
    ] as const;
    for (const [name, x, width, option] of widths) {
      if (x.shape[x.ndim - 1] !== width) {
        throw new Error(
          `${op}: ${name} of shape ${formatShape(x.shape)} must end in ${option} = ${width}`,
        );
      }
    }
    const batchDim = query.ndim === 2 ? -1 : this.batchFirst ? 0 : 1;
    const seqDim = query.ndim === 2 ? 0 : this.batchFirst ? 1 : 0;
    if (
      batchDim >= 0 &&
      (key.shape[batchDim] !== query.shape[batchDim] ||
        value.shape[batchDim] !== query.shape[batchDim])
    ) {
      throw new Error(
        `${op}: query ${formatShape(query.shape)}, key ${formatShape(key.shape)} and value ${formatShape(value.shape)} ` +
          `must have the same batch size (dim ${batchDim})`,
      );
    }
    if (key.shape[seqDim] !== value.shape[seqDim]) {
      throw new Error(
        `${op}: key ${formatShape(key.shape)} and value ${formatShape(value.shape)} must have the same sequence length (dim ${seqDim})`,
      );
    }
  }

  /**
   * query [L, B, E] ([B, L, E] with batchFirst; [L, E] unbatched), key [S, B, kdim],
   * value [S, B, vdim]. Returns [output like query, weights or null]: weights [B, L, S]
   * averaged over heads, or [B, H, L, S] with averageAttnWeights: false; they are the
   * weights multiplied with the values (after dropout in training).
   * A query whose keys are all masked gets zero weights and a zero attention output.
   */
  override forward(
    query: Tensor,
    key: Tensor,
    value: Tensor,
    options: MultiHeadAttentionForwardOptions = {},
  ): [Tensor, Tensor | null] {
    const op = 'MultiHeadAttention';
    const {
      needWeights = true,
      averageAttnWeights = true,
      isCausal = false,
      kvCache = null,
    } = options;
    this.checkInputs(query, key, value);
    const batched = query.ndim === 3;
    const selfAttention = query === key && key === value;
    const toBatchFirst = (x: Tensor) =>
      !batched ? unsqueeze(x, 0) : this.batchFirst ? x : transpose(x, 0, 1);
    const [q, k, v] = this.project(
      toBatchFirst(query),
      toBatchFirst(key),
      toBatchFirst(value),
      selfAttention,
    );
    const [B, L] = q.shape;

    let kh = splitHeads(k, this.numKvHeads); // [B, Hkv, S, D]
    let vh = splitHeads(v, this.numKvHeads);
    const past = kvCache ? kvCache.length : 0;
    if (kvCache) [kh, vh] = kvCache.update(kh, vh);
    const S = kh.shape[2];

    const mask = mhaMask({
      op,
      attnMask: options.attnMask,
      keyPaddingMask: options.keyPaddingMask,
      B,
      H: this.numHeads,
      L,
      S,
      batched,
    });
    const qh = splitHeads(q, this.numHeads); // [B, H, L, D]
    traceStep('q', qh, 'queries, split into heads [B, H, L, d_head]');
    traceStep('k', kh, 'keys [B, H_kv, S, d_head]');
    traceStep('v', vh, 'values [B, H_kv, S, d_head]');
    traceStep('scores', [B, this.numHeads, L, S], 'q kᵀ / √d_head');
    const [heads, weights] = attend(qh, kh, vh, {
      op,
      mask,
      maskName: 'the combined attnMask and keyPaddingMask',
      causalDiagonal: isCausal ? past : null,
      scale: 1 / Math.sqrt(this.headDim),
      dropoutP: this.training ? this.dropout : 0,
      enableGqa: this.numKvHeads !== this.numHeads,
    });

    traceStep('weights', weights, 'softmax over keys');
    traceStep('heads', heads, 'weights @ v');
    const merged = mergeHeads(heads);
    traceStep('merged', merged, 'heads concatenated [B, L, H·d_head]');
    let output = this.out_proj.forward(merged) as Tensor; // [B, L, E]
    traceStep('out', output, 'output projection W_O');
    output = !batched ? squeeze(output, 0) : this.batchFirst ? output : transpose(output, 0, 1);
    const perHead = batched ? weights : squeeze(weights, 0);
    this.lastAttnWeights = perHead.detach();
    if (!needWeights) return [output, null];
    return [output, averageAttnWeights ? mean(perHead, batched ? 1 : 0) : perHead];
  }
}
