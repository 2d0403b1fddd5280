/**
 * Splits a model's parameters into two AdamW groups the way nanoGPT's configure_optimizers
 * does: tensors with 2 or more dims (matmul weights, embeddings) get weight decay; 1-D ones
 * (biases, LayerNorm gains) do not, since shrinking them toward zero only hurts.
 */
import type { nn, Tensor } from '@xf/tensor';

/** `[{params: ≥2-D, weightDecay}, {params: <2-D, weightDecay: 0}]`, ready for `new AdamW(groups, ...)`. Empty groups are left out. */
export function weightDecayGroups(
  model: nn.Module,
  weightDecay: number,
): Array<{ params: Tensor[]; weightDecay: number }> {
  const params = model.parameters().filter((p) => p.requiresGrad);
  const decay = params.filter((p) => p.ndim >= 2);
  const noDecay = params.filter((p) => p.ndim < 2);
  return [
    { params: decay, weightDecay },
    { params: noDecay, weightDecay: 0 },
  ].filter((g) => g.params.length > 0);
}
