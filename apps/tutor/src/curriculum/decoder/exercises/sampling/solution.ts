import { type Generator, softmax, type Tensor, tensor } from '@xf/tensor';

export function nextTokenProbs(logits: Tensor, temperature: number, topK: number): Tensor {
  const [B, V] = logits.shape;
  const out = Float32Array.from(logits.data, (x) => x / temperature);
  for (let b = 0; b < B; b++) {
    const row = out.subarray(b * V, (b + 1) * V);
    if (topK >= V) continue;
    const kth = Float32Array.from(row).sort()[V - topK]; // the k-th largest
    for (let j = 0; j < V; j++) if (row[j] < kth) row[j] = Number.NEGATIVE_INFINITY;
  }
  return softmax(tensor(out, [B, V]), -1);
}

export function sampleNext(
  logits: Tensor,
  temperature: number,
  topK: number,
  gen: Generator,
): number[] {
  const [B, V] = logits.shape;
  const picks: number[] = [];
  if (temperature === 0) {
    for (let b = 0; b < B; b++) {
      let best = 0;
      for (let j = 1; j < V; j++) if (logits.data[b * V + j] > logits.data[b * V + best]) best = j;
      picks.push(best);
    }
    return picks;
  }
  const p = nextTokenProbs(logits, temperature, topK).data;
  for (let b = 0; b < B; b++) {
    let total = 0;
    for (let j = 0; j < V; j++) total += p[b * V + j];
    let u = gen.uniform() * total;
    let pick = V - 1;
    for (let j = 0; j < V; j++) {
      u -= p[b * V + j];
      if (u < 0 && p[b * V + j] > 0) {
        pick = j;
        break;
      }
    }
    picks.push(pick);
  }
  return picks;
}
