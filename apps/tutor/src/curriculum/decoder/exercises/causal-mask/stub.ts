/**
 * decoder · 1 · the causal mask
 *
 * A decoder predicts each token from the ones before it, so query i may see keys 0 … i and
 * never the future. With a KV cache, L new queries come after S − L cached keys: query i then
 * sits at position S − L + i and may see keys 0 … S − L + i.
 *
 *   →  a bool Tensor [L, S], true where query i may attend to key j
 *
 * Build it with `tensor(rows)` from nested booleans, or `new Tensor(values, [L, S], 'bool')`
 * with 1 and 0 in a Float32Array.
 */
import type { Tensor } from '@xf/tensor';

export function causalMask(L: number, S: number): Tensor {
  throw new Error('TODO: true where j <= i + (S − L)');
}
