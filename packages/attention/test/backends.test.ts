/**
 * Every backend (each gpu.js mode that runs here) against the `js` kernels: outputs,
 * weights and gradients, for each kind of layout the kernels handle.
 */
import { add, manualSeed, mul, randn, sum, type Tensor, tensor, testing } from '@xf/tensor';
import { afterEach, describe, it } from 'vitest';
import {
  causalMask,
  combineMasks,
  paddingMaskFromLengths,
  type ScaledDotProductAttentionOptions,
  scaledDotProductAttention,
} from '../src/index.js';
import { otherBackends, useJs } from './helpers.js';

interface Case {
  name: string;
  shapes: [number[], number[], number[]];
  options?: () => ScaledDotProductAttentionOptions;
  /** A float mask of this shape that requires grad. */
  learnedMask?: number[];
}

const cases: Case[] = [
  {
    name: 'self-attention',
    shapes: [
      [2, 3, 5, 8],
      [2, 3, 5, 8],
      [2, 3, 5, 8],
    ],
  },
  {
    name: 'padding mask, L != S, Ev != E',
    shapes: [
      [2, 2, 4, 6],
      [2, 2, 6, 6],
      [2, 2, 6, 3],
    ],
    options: () => ({ attnMask: paddingMaskFromLengths([6, 2], 6) }),
  },
  {
    name: 'float mask with −∞',
    shapes: [
      [3, 4, 5],
      [3, 6, 5],
      [3, 6, 5],
    ],
    options: () => {
      manualSeed(11);
      const m = randn([4, 6]);
      m.data[3] = Number.NEGATIVE_INFINITY;
      m.data[7] = Number.NEGATIVE_INFINITY;
      return { attnMask: m };
    },
  },
  {
    name: 'causal with a scale',
    shapes: [
      [2, 7, 4],
      [2, 7, 4],
      [2, 7, 4],
    ],
    options: () => ({ isCausal: true, scale: 0.7 }),
  },
  {
    name: 'grouped-query (4 query heads, 2 key/value heads), causal mask + padding',
    shapes: [
      [2, 4, 3, 4],
      [2, 2, 5, 4],
      [2, 2, 5, 2],
    ],
    options: () => ({
      enableGqa: true,
      attnMask: combineMasks(causalMask(3, 5, 2), paddingMaskFromLengths([5, 3], 5)),
    }),
  },
  {
    name: 'broadcast batch dims',
    shapes: [
      [3, 2, 4, 4],
      [1, 2, 5, 4],
      [2, 5, 4],
    ],
  },
  {
    name: 'rows with every key masked',
    shapes: [
      [2, 3, 4],
      [2, 3, 4],
      [2, 3, 4],
    ],
    options: () => ({
      attnMask: tensor([
        [true, false, true],
        [false, false, false],
        [true, true, true],
      ]),
    }),
  },
  {
    name: 'dropout (same seed, same mask)',
    shapes: [
      [2, 4, 4],
      [2, 5, 4],
      [2, 5, 3],
    ],
    options: () => {
      manualSeed(99);
      return { dropoutP: 0.3 };
    },
  },
  {
    name: 'a learned float mask',
    shapes: [
      [2, 3, 4],
      [2, 5, 4],
      [2, 5, 4],
    ],
    learnedMask: [1, 3, 5],
  },
];

/** Output, weights and every gradient of a loss that reads both output and weights. */
function run(c: Case): Float32Array[] {
  manualSeed(5);
  const [q, k, v] = c.shapes.map((s) => randn(s, { requiresGrad: true }));
  const mask = c.learnedMask ? randn(c.learnedMask, { requiresGrad: true }) : null;
  const options = c.options?.() ?? {};
  const [out, weights] = scaledDotProductAttention(q, k, v, {
    ...options,
    ...(mask ? { attnMask: mask } : {}),
    returnWeights: true,
  });
  manualSeed(6);
  const loss = add(
    sum(mul(out, randn([...out.shape]))),
    sum(mul(weights, randn([...weights.shape]))),
  );
  loss.backward();
  const leaves: Tensor[] = mask ? [q, k, v, mask] : [q, k, v];
  return [
    out.data,
    weights.data,
    ...leaves.map((x) => x.grad?.data ?? new Float32Array(x.numel())),
  ];
}

const names = ['output', 'weights', 'dq', 'dk', 'dv', 'dmask'];

describe('every backend matches the js kernels', () => {
  afterEach(useJs);
  for (const c of cases) {
    for (const config of otherBackends()) {
      it(`${c.name} on ${config.label}`, () => {
        useJs();
        const expected = run(c);
        config.use();
        const actual = run(c);
        actual.forEach((a, i) => {
          testing.assertClose(a, expected[i], { atol: 1e-4, rtol: 1e-4, name: names[i] });
        });
      });
    }
  }
});
