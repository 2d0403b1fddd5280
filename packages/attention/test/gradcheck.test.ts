/** Analytic gradients of the fused op against finite differences, on every backend. */
import { assertGradcheck, manualSeed, randn, type Tensor, tensor, testing } from '@xf/tensor';
import { afterEach, describe, it } from 'vitest';
import {
  causalMask,
  paddingMaskFromLengths,
  type ScaledDotProductAttentionOptions,
  scaledDotProductAttention,
} from '../src/index.js';
import { useJs } from './helpers.js';

function inputs(seed: number, q: number[], k: number[], v: number[]): Tensor[] {
  manualSeed(seed);
  return [q, k, v].map((s) => randn(s, { requiresGrad: true }));
}

const cases: [string, ScaledDotProductAttentionOptions, number[][]][] = [
  [
    'no mask',
    {},
    [
      [2, 3, 4],
      [2, 4, 4],
      [2, 4, 3],
    ],
  ],
  [
    'bool mask',
    { attnMask: paddingMaskFromLengths([4, 2], 4).reshape(2, 1, 4) },
    [
      [2, 3, 4],
      [2, 4, 4],
      [2, 4, 3],
    ],
  ],
  [
    'float mask',
    { attnMask: tensor([[0.5, -1, 0, 2]]) },
    [
      [3, 4],
      [4, 4],
      [4, 2],
    ],
  ],
  [
    'causal',
    { isCausal: true },
    [
      [2, 4, 3],
      [2, 4, 3],
      [2, 4, 3],
    ],
  ],
  [
    'a given scale',
    { scale: 0.9 },
    [
      [3, 2],
      [5, 2],
      [5, 3],
    ],
  ],
  [
    'grouped-query',
    { enableGqa: true },
    [
      [1, 4, 2, 3],
      [1, 2, 3, 3],
      [1, 2, 3, 2],
    ],
  ],
  [
    'an all-masked row',
    { attnMask: causalMask(3, 4, -1) },
    [
      [3, 2],
      [4, 2],
      [4, 2],
    ],
  ],
];

describe('gradcheck of scaledDotProductAttention', () => {
  afterEach(useJs);
  for (const config of testing.backendConfigs()) {
    for (const [name, options, shapes] of cases) {
      it(`q, k, v with ${name} on ${config.label}`, () => {
        config.use();
        const [q, k, v] = inputs(1, shapes[0], shapes[1], shapes[2]);
        assertGradcheck((a, b, c) => scaledDotProductAttention(a, b, c, options), [q, k, v]);
      });
    }
    it(`through the returned weights on ${config.label}`, () => {
      config.use();
      const [q, k, v] = inputs(2, [2, 3], [4, 3], [4, 2]);
      assertGradcheck(
        (a, b, c) => scaledDotProductAttention(a, b, c, { returnWeights: true })[1],
        [q, k, v],
      );
    });
    it(`with dropout (a fixed seed) on ${config.label}`, () => {
      config.use();
      const [q, k, v] = inputs(3, [3, 3], [4, 3], [4, 2]);
      assertGradcheck(
        (a, b, c) => {
          manualSeed(7);
          return scaledDotProductAttention(a, b, c, { dropoutP: 0.4 });
        },
        [q, k, v],
      );
    });
    it(`for a float mask that requires grad on ${config.label}`, () => {
      config.use();
      const [q, k, v] = inputs(4, [2, 2, 3], [2, 4, 3], [2, 4, 2]);
      const mask = randn([1, 2, 4], { requiresGrad: true }); // broadcast over the batch
      assertGradcheck(
        (a, b, c, m) => scaledDotProductAttention(a, b, c, { attnMask: m }),
        [q, k, v, mask],
      );
    });
  }
});
