/**
 * A GPT's attention weights for a prompt. GPT's attention module keeps no weights of its own,
 * so they are recomputed here from its public parts: each block's input, the q and k of its
 * `c_attn` projection, and causal softmax(q kᵀ / √d) as scaledDotProductAttention gives it.
 * Where the model offers `attentionMaps(idx)`, that is used instead.
 */
import { scaledDotProductAttention } from '@xf/attention';
import type { GPT } from '@xf/decoder';
import { arange, noGrad, type Tensor, tensor } from '@xf/tensor';
import { type AttentionMap, headsOf, tokenLabel } from '../attention-maps.js';
import type { CharLm } from './model.js';

type WithMaps = GPT & { attentionMaps?: (idx: Tensor) => Tensor[] };

function recompute(model: GPT, idx: Tensor): Tensor[] {
  const [B, T] = idx.shape;
  const { transformer } = model;
  let x = transformer.wte.forward(idx);
  if (transformer.wpe) x = x.add(transformer.wpe.forward(arange(0, T)));
  const weights: Tensor[] = [];
  for (const block of transformer.h) {
    const { attn } = block;
    const h = block.norm === 'pre' ? block.ln_1.forward(x) : x;
    const C = attn.nEmbd;
    const H = attn.nHead;
    const heads = (t: Tensor) => t.reshape(B, T, H, C / H).transpose(1, 2);
    let [q, k, v] = attn.c_attn.forward(h).split(C, 2).map(heads);
    if (attn.rotary) [q, k] = attn.rotary.forward(q, k, 0);
    const [, w] = scaledDotProductAttention(q, k, v, { isCausal: true, returnWeights: true });
    weights.push(w);
    x = block.forward(x);
  }
  return weights;
}

export function gptAttention(lm: CharLm, prompt: string): AttentionMap[] {
  const { model, tokenizer } = lm;
  const ids = tokenizer.encode(prompt).slice(-model.config.blockSize);
  const idx = tensor([ids], { dtype: 'int32' });
  const wasTraining = model.training;
  model.eval();
  try {
    const own = (model as WithMaps).attentionMaps;
    const perLayer = own ? own.call(model, idx) : noGrad(() => recompute(model, idx));
    const labels = ids.map((id) => tokenLabel(tokenizer.decode([id])));
    return perLayer.map((w, i) => ({
      title: `layer ${i}`,
      rows: labels,
      cols: labels,
      heads: headsOf(w),
    }));
  } finally {
    model.train(wasTraining);
  }
}
