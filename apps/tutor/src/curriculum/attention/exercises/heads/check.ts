import { reshape, type Tensor, transpose } from '@xf/tensor';
import { defineCheck } from '../../../../engine/types.js';
import { between, normal } from '../../../helpers.js';

type Impl = { splitHeads: (x: Tensor, h: number) => Tensor; mergeHeads: (x: Tensor) => Tensor };
interface Input {
  x: Tensor;
  h: number;
  heads: Tensor;
}

const split = (x: Tensor, h: number) => {
  const [B, L, width] = x.shape;
  return transpose(reshape(x, [B, L, h, width / h]), 1, 2);
};
const merge = (x: Tensor) => {
  const [B, H, L, D] = x.shape;
  return reshape(transpose(x, 1, 2), [B, L, H * D]);
};

function input(g: Parameters<typeof normal>[0], B: number, L: number, h: number, D: number): Input {
  return { x: normal(g, [B, L, h * D]), h, heads: normal(g, [B, h, L, D]) };
}

export default defineCheck<Impl, Input>({
  title: 'split into heads and merge back',
  functions: ['splitHeads', 'mergeHeads'],
  reference:
    "MultiHeadAttention's head layout (@xf/attention): reshape to [B, L, H, D], then transpose(1, 2)",
  referenceImpl: { splitHeads: split, mergeHeads: merge },
  tolerance: { atol: 0, rtol: 0 },
  seed: 400,
  cases: [
    { label: 'one token (length 1), 2 heads', make: (g) => input(g, 1, 1, 2, 3) },
    { label: 'a single head', make: (g) => input(g, 2, 3, 1, 4) },
    { label: '4 heads of 2', make: (g) => input(g, 2, 5, 4, 2) },
    {
      label: 'random sizes',
      make: (g) => input(g, between(g, 1, 3), between(g, 2, 6), between(g, 2, 4), between(g, 2, 5)),
    },
  ],
  run: (impl, { x, h, heads }) => ({
    split: impl.splitHeads(x, h),
    merged: impl.mergeHeads(heads),
  }),
  mistakes: [
    {
      id: 'split-without-transpose',
      title: 'split by reshape alone',
      explain:
        'splitHeads reshapes [B, L, H·D] straight to [B, H, L, D]: the shape is right but each "head" ' +
        'now holds whole tokens instead of one D-wide slice of every token. Reshape to [B, L, H, D] ' +
        'and then transpose dims 1 and 2.',
      impl: {
        splitHeads: (x, h) => {
          const [B, L, width] = x.shape;
          return reshape(x, [B, h, L, width / h]);
        },
        mergeHeads: merge,
      },
    },
    {
      id: 'merge-without-transpose',
      title: 'merge by reshape alone',
      explain:
        'mergeHeads reshapes [B, H, L, D] straight to [B, L, H·D], which interleaves heads and tokens. ' +
        'Transpose dims 1 and 2 back first (to [B, L, H, D]), then reshape.',
      impl: {
        splitHeads: split,
        mergeHeads: (x) => {
          const [B, H, L, D] = x.shape;
          return reshape(x, [B, L, H * D]);
        },
      },
    },
  ],
});
