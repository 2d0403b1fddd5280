import { paddingMaskFromLengths } from '@xf/attention';
import { LayerNorm } from '@xf/norm-residual';
import { logicalNot, manualSeed, nn, reshape, testing } from '@xf/tensor';
import { describe, expect, it } from 'vitest';
import { TransformerEncoder, TransformerEncoderLayer } from '../src/index.js';
import { sample, TOL } from './helpers.js';

const layerOptions = { dimFeedforward: 16, dropout: 0, batchFirst: true };

describe('TransformerEncoder', () => {
  it("names its parameters layers.{i}.… and norm.…, as PyTorch's", () => {
    const layer = new TransformerEncoderLayer(8, 2, layerOptions);
    const encoder = new TransformerEncoder(layer, 2, { norm: new LayerNorm(8) });
    const perLayer = Object.keys(layer.stateDict());
    expect(Object.keys(encoder.stateDict())).toEqual([
      ...perLayer.map((k) => `layers.0.${k}`),
      ...perLayer.map((k) => `layers.1.${k}`),
      'norm.weight',
      'norm.bias',
    ]);
    expect(encoder.numParameters()).toBe(2 * layer.numParameters() + 16);
  });

  it('copies a given layer numLayers times, as PyTorch (same start, separate weights)', () => {
    manualSeed(0);
    const layer = new TransformerEncoderLayer(8, 2, layerOptions);
    const encoder = new TransformerEncoder(layer, 3);
    const [a, b] = [encoder.layers.at(0), encoder.layers.at(2)];
    expect(a).not.toBe(layer);
    expect(a).not.toBe(b);
    testing.assertClose(a.linear1.weight, layer.linear1.weight, { atol: 0, rtol: 0 });
    testing.assertClose(b.self_attn.in_proj_weight!, layer.self_attn.in_proj_weight!, {
      atol: 0,
      rtol: 0,
    });
    a.linear1.weight.data[0] += 1;
    expect(b.linear1.weight.data[0]).toBe(layer.linear1.weight.data[0]);
    expect(encoder.parameters().length).toBe(3 * layer.parameters().length);
  });

  it('a factory makes each layer afresh (independent initialisation)', () => {
    manualSeed(0);
    const encoder = new TransformerEncoder(
      (i) => new TransformerEncoderLayer(8, 2, { ...layerOptions, normFirst: i === 1 }),
      2,
    );
    expect(encoder.layers.at(0).normFirst).toBe(false);
    expect(encoder.layers.at(1).normFirst).toBe(true);
    expect(
      testing.compareClose(encoder.layers.at(0).linear1.weight, encoder.layers.at(1).linear1.weight)
        .ok,
    ).toBe(false);
  });

  it('runs the layers in turn with the same masks, then the final norm', () => {
    manualSeed(1);
    const norm = new LayerNorm(8);
    norm.weight!.data.set(sample([8], 2).data);
    const encoder = new TransformerEncoder(
      () => new TransformerEncoderLayer(8, 2, { ...layerOptions, normFirst: true }),
      3,
      { norm },
    );
    const src = sample([2, 5, 8], 3);
    const padding = logicalNot(reshape(paddingMaskFromLengths([4, 2], 5), [2, 5]));
    let x = src;
    for (const layer of encoder.layers)
      x = layer.forward(x, { srcKeyPaddingMask: padding, isCausal: true });
    x = norm.forward(x);
    testing.assertClose(
      encoder.forward(src, { srcKeyPaddingMask: padding, isCausal: true }),
      x,
      TOL,
    );
  });

  it('refuses a bad layer, factory, numLayers or norm, naming it', () => {
    const layer = new TransformerEncoderLayer(8, 2, layerOptions);
    expect(() => new TransformerEncoder(layer, 0)).toThrow(
      'TransformerEncoder: numLayers must be a positive integer, got 0',
    );
    expect(() => new TransformerEncoder(new nn.Linear(2, 2) as never, 2)).toThrow(
      'TransformerEncoder: encoderLayer must be a TransformerEncoderLayer (copied numLayers times) or a factory (index) => layer, got Linear',
    );
    expect(() => new TransformerEncoder((() => 3) as never, 2)).toThrow(
      'TransformerEncoder: the layer factory returned 3 for layer 0, expected an nn.Module',
    );
    expect(() => new TransformerEncoder(() => layer, 2)).toThrow(
      'TransformerEncoder: the layer factory returned the same module for layers 0 and 1',
    );
    expect(() => new TransformerEncoder(layer, 2, { norm: 'layer' as never })).toThrow(
      'TransformerEncoder: norm must be an nn.Module (e.g. a LayerNorm), got "layer"',
    );
  });
});
