/**
 * positional · 1 · the sinusoidal table
 *
 * Build the [maxLen, dModel] table of "Attention Is All You Need". Columns come in pairs
 * (2i, 2i + 1) that share one frequency:
 *
 *   PE[pos, 2i]     = sin(pos / 10000^(2i / dModel))
 *   PE[pos, 2i + 1] = cos(pos / 10000^(2i / dModel))
 *
 * An odd dModel ends on a sine column. Compute angles in ordinary JavaScript numbers (double
 * precision), then store them in a Float32Array and return `new Tensor(values, [maxLen, dModel])`.
 */
import type { Tensor } from '@xf/tensor';

export function sinusoidalTable(maxLen: number, dModel: number): Tensor {
  throw new Error('TODO: sin on even columns, cos on odd ones, one frequency per pair');
}
