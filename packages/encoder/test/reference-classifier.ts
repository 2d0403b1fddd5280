/**
 * An EncoderClassifier recomputed from its state dict with functional pieces: embedding rows
 * read by hand, sinusoidalTable or the learned table, referenceLayer for each layer, the
 * pooling as loops over plain numbers, and linear for the head.
 */
import { paddingMaskFromLengths } from '@xf/attention';
import { layerNorm } from '@xf/norm-residual';
import { sinusoidalTable } from '@xf/positional';
import { linear, relu, reshape, type Tensor, tensor } from '@xf/tensor';
import type { EncoderClassifier } from '../src/index.js';
import { geluComposed, referenceLayer } from './helpers.js';

export function referenceClassifier(
  model: EncoderClassifier,
  ids: number[][],
  lengths: number[],
): { hidden: Tensor; logits: Tensor } {
  const c = model.config;
  const sd = model.stateDict();
  const B = ids.length;
  const T = ids[0].length;
  const d = c.dModel;
  const E = sd['embedding.weight'].data;
  const P = c.positional === 'learned' ? sd['positional.weight'].data : sinusoidalTable(T, d).data;
  const scale = c.scaleEmbedding ? Math.sqrt(d) : 1;
  const x0: number[] = [];
  for (let b = 0; b < B; b++)
    for (let t = 0; t < T; t++)
      for (let j = 0; j < d; j++) x0.push(E[ids[b][t] * d + j] * scale + P[t * d + j]);
  let x = tensor(x0, [B, T, d]);
  const attend = paddingMaskFromLengths(lengths, T);
  const act = c.activation === 'gelu' ? geluComposed : relu;
  for (const layer of model.encoder.layers) x = referenceLayer(layer, x, { attend }, act);
  if (c.finalNorm) {
    x = layerNorm(
      x,
      [d],
      sd['encoder.norm.weight'],
      sd['encoder.norm.bias'] ?? null,
      c.layerNormEps,
    );
  }
  const pooled: number[] = [];
  for (let b = 0; b < B; b++) {
    const rows = c.pooling === 'cls' ? [0] : Array.from({ length: lengths[b] }, (_, t) => t);
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (const t of rows) s += x.data[(b * T + t) * d + j];
      pooled.push(s / rows.length);
    }
  }
  let logits = linear(tensor(pooled, [B, d]), sd['head.weight'], sd['head.bias']);
  if (logits.shape[1] === 1) logits = reshape(logits, [B]);
  return { hidden: x, logits };
}
