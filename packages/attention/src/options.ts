import type { Tensor } from '@xf/tensor';

/** Options of scaledDotProductAttention, as torch.nn.functional.scaled_dot_product_attention's. */
export interface ScaledDotProductAttentionOptions {
  /**
   * Broadcasts to the scores [..., L, S]. bool: true = this query may attend to this key;
   * float32: added to the scores (−∞ masks a key; values at or below −3e38 count as −∞).
   */
  attnMask?: Tensor | null;
  /** Probability of zeroing each attention weight (the rest scaled by 1/(1-p)); default 0. */
  dropoutP?: number;
  /** Causal mask, top-left aligned: query i attends to keys 0..i. Not together with attnMask. */
  isCausal?: boolean;
  /** Multiplies q·kᵀ; default 1/√E. */
  scale?: number | null;
  /** Grouped-query attention: key/value heads (dim -3) divide query heads, each shared by a group. */
  enableGqa?: boolean;
}

export function checkCausalAndMask(op: string, options: ScaledDotProductAttentionOptions): void {
  if (options.isCausal && options.attnMask) {
    throw new Error(
      `${op}: pass either attnMask or isCausal, not both (PyTorch refuses this too); ` +
        'to use both, pass attnMask: combineMasks(attnMask, causalMask(L, S))',
    );
  }
}
