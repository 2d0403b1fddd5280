import { tensor, testing } from '@xf/tensor';
import { describe, expect, it } from 'vitest';
import { firstTokenPool, meanPool } from '../src/index.js';

describe('pooling', () => {
  const x = tensor([
    [
      [1, 2],
      [3, 4],
      [5, 6],
    ],
    [
      [7, 8],
      [Number.NaN, Number.POSITIVE_INFINITY],
      [9, 10],
    ],
  ]);

  it('meanPool averages the real tokens and never reads the padding', () => {
    const padding = tensor([
      [false, false, true],
      [false, true, false],
    ]);
    testing.assertClose(
      meanPool(x, padding),
      tensor([
        [2, 3],
        [8, 9],
      ]),
    );
    const all = meanPool(
      tensor([
        [
          [1, 2],
          [3, 6],
        ],
      ]),
    );
    testing.assertClose(all, tensor([[2, 4]]));
  });

  it('meanPool sends 1/n of the gradient to each real token and none to padding', () => {
    const h = tensor(
      [
        [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
      ],
      { requiresGrad: true },
    );
    meanPool(h, tensor([[false, false, true]]))
      .mul(tensor([[1, 10]]))
      .sum()
      .backward();
    expect(h.grad?.toArray()).toEqual([
      [
        [0.5, 5],
        [0.5, 5],
        [0, 0],
      ],
    ]);
  });

  it('firstTokenPool takes position 0', () => {
    testing.assertClose(
      firstTokenPool(x),
      tensor([
        [1, 2],
        [7, 8],
      ]),
    );
  });
});
