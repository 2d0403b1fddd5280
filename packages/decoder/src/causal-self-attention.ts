/**
 * Masked multi-head self-attention, laid out as nanoGPT's CausalSelfAttention: one Linear
 * `c_attn` makes q, k and v for every head at once, `c_proj` mixes the heads back.
 * Each position attends to itself and the positions before it, never after.
 */
import { causalMask, type KVCache, scaledDotProductAttention } from '@xf/attention';
import { RotaryEmbedding } from '@xf/positional';
import { dropout, nn, type Tensor, traceStep } from '@xf/tensor';
import type { GPTConfig } from './config.js';

export interface AttentionStepOptions {
  /** Keys and values of earlier positions (incremental decoding); appended to. */
  cache?: KVCache | null;
}

export class CausalSelfAttention extends nn.Module {
  c_attn: nn.Linear;
  c_proj: nn.Linear;
  readonly nHead: number;
  readonly nEmbd: number;
  readonly dropoutP: number;
  readonly rotary: RotaryEmbedding | null;
  /** Keep each forward's attention weights in `lastAttnWeights` (for heatmaps). */
  storeAttnWeights = false;
  /** Attention weights of the last forward [B, H, T, S], when storeAttnWeights is on. */
  lastAttnWeights: Tensor | null = null;

  constructor(config: GPTConfig) {
    super();
    this.nHead = config.nHead;
    this.nEmbd = config.nEmbd;
    this.dropoutP = config.dropout;
    this.c_attn = new nn.Linear(config.nEmbd, 3 * config.nEmbd, { bias: config.bias });
    this.c_proj = new nn.Linear(config.nEmbd, config.nEmbd, { bias: config.bias });
    this.rotary =
      config.positional === 'rotary'
        ? new RotaryEmbedding(config.nEmbd / config.nHead, {
            maxLen: config.blockSize,
            theta: config.ropeTheta,
          })
        : null;
  }

  /** x [B, T, C] → [B, T, C]. With a cache, x holds only the new positions. */
  override forward(x: Tensor, options: AttentionStepOptions = {}): Tensor {
    const [B, T, C] = x.shape;
    const H = this.nHead;
    const cache = options.cache ?? null;
    const past = cache ? cache.length : 0;
    const qkv = this.c_attn.forward(x); // [B, T, 3C]
    // [B, T, C] → [B, H, T, C/H]: each head looks at its own slice of the channels
    const heads = (t: Tensor) => t.reshape(B, T, H, C / H).transpose(1, 2);
    let [q, k, v] = qkv.split(C, 2).map(heads);
    if (this.rotary) [q, k] = this.rotary.forward(q, k, past);
    if (cache) [k, v] = cache.update(k, v);
    const S = past + T;
    traceStep('q', q, 'queries [B, H, T, d_head]');
    traceStep('k', k, 'keys [B, H, S, d_head]');
    traceStep('v', v, 'values [B, H, S, d_head]');
    traceStep('scores', [B, H, T, S], 'q kᵀ / √d_head, causal mask');
    const dropoutP = this.training ? this.dropoutP : 0;
    // new queries sit at positions past..past+T-1: query i may see keys 0..past+i
    const mask =
      past === 0 ? { isCausal: true } : T === 1 ? {} : { attnMask: causalMask(T, S, past) };
    let y: Tensor;
    if (this.storeAttnWeights) {
      const [out, weights] = scaledDotProductAttention(q, k, v, {
        ...mask,
        dropoutP,
        returnWeights: true,
      });
      this.lastAttnWeights = weights.detach();
      y = out;
    } else {
      y = scaledDotProductAttention(q, k, v, { ...mask, dropoutP });
    }
    traceStep('heads', y, 'softmax(scores) @ v');
    const merged = y.transpose(1, 2).reshape(B, T, C);
    traceStep('merged', merged, 'heads side by side [B, T, C]');
    const out = dropout(this.c_proj.forward(merged), this.dropoutP, this.training);
    traceStep('out', out, 'c_proj');
    return out;
  }
}
