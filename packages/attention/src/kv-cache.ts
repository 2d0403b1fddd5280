/**
 * A key/value cache for incremental decoding. A decoder generating token by token would
 * recompute every past token's keys and values at each step; the cache keeps them, so each
 * step projects only the new token and attends over everything so far.
 *
 * Layout: [B, H, S, D] by default (`dim` = -2 is the sequence dim), as MultiHeadAttention
 * stores it; any attention implementation can use it with its own layout.
 */
import { cat, formatShape, type Tensor } from '@xf/tensor';

export interface KVCacheOptions {
  /** The sequence dim that update() appends along (default -2, for [B, H, S, D]). */
  dim?: number;
}

export class KVCache {
  readonly dim: number;
  private k: Tensor | null = null;
  private v: Tensor | null = null;

  constructor(options: KVCacheOptions = {}) {
    const dim = options.dim ?? -2;
    if (!Number.isInteger(dim)) throw new Error(`KVCache: dim must be an integer, got ${dim}`);
    this.dim = dim;
  }

  /** Number of positions cached so far (0 when empty). */
  get length(): number {
    return this.k ? this.k.shape[this.axis(this.k)] : 0;
  }

  /** All cached keys, or null when empty. */
  get keys(): Tensor | null {
    return this.k;
  }

  /** All cached values, or null when empty. */
  get values(): Tensor | null {
    return this.v;
  }

  private axis(x: Tensor): number {
    const d = this.dim < 0 ? this.dim + x.ndim : this.dim;
    if (d < 0 || d >= x.ndim) {
      throw new Error(
        `KVCache: dim ${this.dim} is out of range for a tensor of shape ${formatShape(x.shape)}`,
      );
    }
    return d;
  }

  /** Appends the new keys and values along the sequence dim and returns all of them so far. */
  update(k: Tensor, v: Tensor): [Tensor, Tensor] {
    const dk = this.axis(k);
    const dv = this.axis(v);
    if (k.shape[dk] !== v.shape[dv]) {
      throw new Error(
        `KVCache.update: keys ${formatShape(k.shape)} and values ${formatShape(v.shape)} add different numbers of positions`,
      );
    }
    const fits = (old: Tensor, next: Tensor, d: number) =>
      old.ndim === next.ndim && old.shape.every((s, i) => i === d || s === next.shape[i]);
    if (this.k && this.v) {
      if (!fits(this.k, k, dk) || !fits(this.v, v, dv)) {
        throw new Error(
          `KVCache.update: new keys ${formatShape(k.shape)} / values ${formatShape(v.shape)} do not match the ` +
            `cached ${formatShape(this.k.shape)} / ${formatShape(this.v.shape)} outside the sequence dim ${this.dim}`,
        );
      }
      this.k = cat([this.k, k], dk);
      this.v = cat([this.v, v], dv);
    } else {
      this.k = k;
      this.v = v;
    }
    return [this.k, this.v];
  }

  /** Empties the cache, for a new sequence. */
  reset(): void {
    this.k = null;
    this.v = null;
  }
}
