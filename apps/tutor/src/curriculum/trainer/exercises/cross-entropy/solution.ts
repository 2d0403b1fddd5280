import { logsumexp, type Tensor } from '@xf/tensor';

export function crossEntropy(
  logits: Tensor,
  targets: Tensor,
  ignoreIndex: number,
): number | Tensor {
  const [N, C] = logits.shape;
  const lse = logsumexp(logits, -1).data; // [N], stable: max + log Σ exp(x − max)
  let total = 0;
  let kept = 0;
  for (let n = 0; n < N; n++) {
    const target = targets.data[n];
    if (target === ignoreIndex) continue;
    total += lse[n] - logits.data[n * C + target];
    kept++;
  }
  return total / kept;
}
