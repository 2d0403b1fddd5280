import { causalMask, paddingMaskFromLengths } from '@xf/attention';
import {
  logicalNot,
  manualSeed,
  reshape,
  type Tensor,
  tensor,
  testing,
  transpose,
  where,
} from '@xf/tensor';
import { describe, expect, it } from 'vitest';
import { TransformerEncoderLayer } from '../src/index.js';
import { geluComposed, referenceLayer, sample, TOL } from './helpers.js';

/** A small layer with random LayerNorm affine parameters, so the norms' weights matter. */
function smallLayer(options: ConstructorParameters<typeof TransformerEncoderLayer>[2] = {}) {
  manualSeed(3);
  const layer = new TransformerEncoderLayer(8, 2, {
    dimFeedforward: 16,
    dropout: 0,
    batchFirst: true,
    ...options,
  });
  for (const name of ['norm1', 'norm2'] as const) {
    layer[name].weight?.data.set(sample([8], name === 'norm1' ? 1 : 2).add(1).data);
    layer[name].bias?.data.set(sample([8], name === 'norm1' ? 3 : 4).data);
  }
  layer.self_attn.in_proj_bias?.data.set(sample([24], 5).mul(0.1).data);
  return layer;
}

const keys = (layer: { stateDict(): Record<string, Tensor> }) =>
  Object.entries(layer.stateDict()).map(([k, v]) => [k, v.shape]);

describe('TransformerEncoderLayer', () => {
  it("has PyTorch's state-dict names, shapes and order", () => {
    const layer = new TransformerEncoderLayer(8, 2, { dimFeedforward: 16 });
    expect(keys(layer)).toEqual([
      ['self_attn.in_proj_weight', [24, 8]],
      ['self_attn.in_proj_bias', [24]],
      ['self_attn.out_proj.weight', [8, 8]],
      ['self_attn.out_proj.bias', [8]],
      ['linear1.weight', [16, 8]],
      ['linear1.bias', [16]],
      ['linear2.weight', [8, 16]],
      ['linear2.bias', [8]],
      ['norm1.weight', [8]],
      ['norm1.bias', [8]],
      ['norm2.weight', [8]],
      ['norm2.bias', [8]],
    ]);
  });

  it("bias: false drops every bias, as PyTorch's", () => {
    const layer = new TransformerEncoderLayer(8, 2, { dimFeedforward: 16, bias: false });
    expect(Object.keys(layer.stateDict())).toEqual([
      'self_attn.in_proj_weight',
      'self_attn.out_proj.weight',
      'linear1.weight',
      'linear2.weight',
      'norm1.weight',
      'norm2.weight',
    ]);
  });

  it("has PyTorch's defaults", () => {
    const layer = new TransformerEncoderLayer(16, 4);
    expect(layer.options()).toEqual({
      dimFeedforward: 2048,
      dropout: 0.1,
      activation: 'relu',
      layerNormEps: 1e-5,
      batchFirst: false,
      normFirst: false,
      bias: true,
    });
    expect(layer.self_attn.dropout).toBe(0.1);
    expect(layer.self_attn.batchFirst).toBe(false);
    expect(layer.norm1.eps).toBe(1e-5);
    // PyTorch's MultiheadAttention starts with zero biases and LayerNorm with weight 1, bias 0
    expect(Array.from(layer.self_attn.in_proj_bias!.data).every((v) => v === 0)).toBe(true);
    expect(Array.from(layer.norm2.weight!.data).every((v) => v === 1)).toBe(true);
  });

  it('post-norm (the default) equals LN(x + SA(x)), LN(x + FF(x)) composed from functional pieces', () => {
    const layer = smallLayer();
    expect(layer.normFirst).toBe(false);
    const src = sample([2, 5, 8], 10);
    testing.assertClose(layer.forward(src), referenceLayer(layer, src), TOL);
  });

  it('pre-norm equals x + SA(LN(x)), x + FF(LN(x)) composed from functional pieces', () => {
    const layer = smallLayer({ normFirst: true });
    const src = sample([2, 5, 8], 11);
    const out = layer.forward(src);
    testing.assertClose(out, referenceLayer(layer, src), TOL);
    // and differs from the post-norm result of the same weights
    const post = smallLayer({ normFirst: false });
    expect(testing.compareClose(post.forward(src), out, TOL).ok).toBe(false);
  });

  it('gelu and a function activation', () => {
    const src = sample([2, 4, 8], 12);
    const gelu = smallLayer({ activation: 'gelu' });
    testing.assertClose(gelu.forward(src), referenceLayer(gelu, src, {}, geluComposed), TOL);
    const fn = smallLayer({ activation: (x: Tensor) => x.tanh() });
    testing.assertClose(
      fn.forward(src),
      referenceLayer(fn, src, {}, (x) => x.tanh()),
      TOL,
    );
  });

  it('srcKeyPaddingMask (true = padding) hides those keys', () => {
    const layer = smallLayer();
    const src = sample([2, 5, 8], 13);
    const attend = paddingMaskFromLengths([5, 3], 5); // true = attend, [B, 1, 1, T]
    const padding = logicalNot(reshape(attend, [2, 5])); // PyTorch's: true = ignore
    const out = layer.forward(src, { srcKeyPaddingMask: padding });
    testing.assertClose(out, referenceLayer(layer, src, { attend }), TOL);
    expect(testing.compareClose(out, layer.forward(src), TOL).ok).toBe(false);
  });

  it('a bool srcMask (true = not allowed), a float srcMask, and isCausal', () => {
    const layer = smallLayer({ normFirst: true });
    const src = sample([2, 4, 8], 14);
    const causal = causalMask(4); // true = attend
    const expected = referenceLayer(layer, src, { attend: causal });
    testing.assertClose(layer.forward(src, { srcMask: logicalNot(causal) }), expected, TOL);
    testing.assertClose(layer.forward(src, { isCausal: true }), expected, TOL);
    const bias = where(causal, 0, Number.NEGATIVE_INFINITY);
    testing.assertClose(layer.forward(src, { srcMask: bias }), expected, TOL);
  });

  it('batchFirst: false takes [T, B, d] and gives the same numbers as batch-first', () => {
    const first = smallLayer();
    const second = new TransformerEncoderLayer(8, 2, { dimFeedforward: 16, dropout: 0 });
    second.loadStateDict(first.stateDict());
    const src = sample([2, 5, 8], 15);
    const out = second.forward(transpose(src, 0, 1)); // [5, 2, 8]
    expect(out.shape).toEqual([5, 2, 8]);
    testing.assertClose(transpose(out, 0, 1), first.forward(src), TOL);
  });

  it('an unbatched [T, d] input is one sequence', () => {
    const layer = smallLayer();
    const src = sample([1, 4, 8], 16);
    const out = layer.forward(reshape(src, [4, 8]), {
      srcKeyPaddingMask: tensor([false, false, false, true]),
    });
    const batched = layer.forward(src, {
      srcKeyPaddingMask: tensor([[false, false, false, true]]),
    });
    testing.assertClose(out, reshape(batched, [4, 8]), TOL);
  });

  it('dropout acts only in training mode', () => {
    const layer = smallLayer({ dropout: 0.5 });
    const src = sample([2, 4, 8], 17);
    layer.eval();
    testing.assertClose(layer.forward(src), referenceLayer(layer, src), TOL);
    layer.train();
    manualSeed(1);
    expect(testing.compareClose(layer.forward(src), referenceLayer(layer, src), TOL).ok).toBe(
      false,
    );
  });

  it('clone() copies the weights, options and mode into a separate layer', () => {
    const layer = smallLayer({ normFirst: true, activation: 'gelu' }).eval();
    const copy = layer.clone();
    expect(copy).not.toBe(layer);
    expect(copy.options()).toEqual(layer.options());
    expect(copy.training).toBe(false);
    const src = sample([2, 3, 8], 18);
    testing.assertClose(copy.forward(src), layer.forward(src), { atol: 0, rtol: 0 });
    copy.linear1.weight.data[0] += 1;
    expect(layer.linear1.weight.data[0]).not.toBe(copy.linear1.weight.data[0]);
  });
});
