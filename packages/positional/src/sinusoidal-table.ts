/**
 * The fixed positional encoding of "Attention Is All You Need": position `pos` becomes a
 * vector of sines and cosines whose wavelengths grow geometrically from 2π to base · 2π,
 *   PE[pos, 2i] = sin(pos / base^(2i / dModel)),  PE[pos, 2i + 1] = cos(pos / base^(2i / dModel)).
 * Each pair (2i, 2i + 1) is a point turning round a circle at its own speed, so moving k
 * positions along is the same rotation whatever the start: a model can read relative offsets.
 */
import { check, Tensor } from '@xf/tensor';

export interface SinusoidalTableOptions {
  /** The wavelength base (default 10000, the paper's). */
  base?: number;
}

/**
 * The [maxLen, dModel] table. Angles are computed in double precision and rounded once, so
 * rows far down the table stay exact to float32. An odd dModel ends on a sine column.
 */
export function sinusoidalTable(
  maxLen: number,
  dModel: number,
  options: SinusoidalTableOptions = {},
): Tensor {
  const op = 'sinusoidalTable';
  check.positiveInt(op, 'maxLen', maxLen);
  check.positiveInt(op, 'dModel', dModel);
  const base = options.base ?? 10000;
  if (typeof base !== 'number' || !(base > 0) || !Number.isFinite(base)) {
    throw new Error(`${op}: base must be a positive number, got ${String(base)}`);
  }
  const table = new Float32Array(maxLen * dModel);
  for (let pos = 0; pos < maxLen; pos++) {
    for (let j = 0; j < dModel; j++) {
      const twoI = j - (j % 2);
      const angle = pos / base ** (twoI / dModel);
      table[pos * dModel + j] = j % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return new Tensor(table, [maxLen, dModel]);
}
