/** How a loss turns per-element losses into its result, as PyTorch's `reduction` argument. */
export type Reduction = 'mean' | 'sum' | 'none';

export function checkReduction(op: string, reduction: unknown): Reduction {
  if (reduction !== 'mean' && reduction !== 'sum' && reduction !== 'none') {
    throw new Error(`${op}: reduction must be 'mean', 'sum' or 'none', got ${String(reduction)}`);
  }
  return reduction;
}
