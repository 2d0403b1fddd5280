import { causalMask } from '@xf/attention';
import { Tensor } from '@xf/tensor';
import { defineCheck } from '../../../../engine/types.js';

type Impl = { causalMask: (L: number, S: number) => Tensor };
interface Input {
  L: number;
  S: number;
}

function mask(allowed: (i: number, j: number, past: number) => boolean) {
  return (L: number, S: number): Tensor => {
    const data = new Float32Array(L * S);
    for (let i = 0; i < L; i++)
      for (let j = 0; j < S; j++) data[i * S + j] = allowed(i, j, S - L) ? 1 : 0;
    return new Tensor(data, [L, S], 'bool');
  };
}

export default defineCheck<Impl, Input>({
  title: 'the causal mask, with a cache',
  functions: ['causalMask'],
  reference:
    'causalMask(L, S, S − L) from @xf/attention, as CausalSelfAttention in @xf/decoder uses it',
  referenceImpl: { causalMask: (L, S) => causalMask(L, S, S - L) },
  tolerance: { atol: 0, rtol: 0 },
  seed: 8000,
  cases: [
    { label: 'one token (length 1)', make: () => ({ L: 1, S: 1 }) },
    { label: '5 tokens, no cache', make: () => ({ L: 5, S: 5 }) },
    { label: 'one new token after 4 cached', make: () => ({ L: 1, S: 5 }) },
    { label: '3 new tokens after 2 cached', make: () => ({ L: 3, S: 5 }) },
  ],
  run: (impl, { L, S }) => impl.causalMask(L, S),
  mistakes: [
    {
      id: 'strict',
      title: 'off by one: the diagonal is masked',
      explain:
        'A token may attend to itself: allow j <= i, not j < i. With j < i the first token sees nothing at all.',
      impl: { causalMask: mask((i, j, past) => j < i + past) },
    },
    {
      id: 'one-ahead',
      title: 'off by one: one future token visible',
      explain:
        'j <= i + 1 lets every token peek at the next one, which is exactly what it is trained to predict. Use j <= i.',
      impl: { causalMask: mask((i, j, past) => j <= i + 1 + past) },
    },
    {
      id: 'cache-ignored',
      title: 'the cached keys are not counted',
      explain:
        'New query i sits at position (S − L) + i, after the cached keys. Top-left alignment (j <= i) hides cached keys from new tokens.',
      impl: { causalMask: mask((i, j) => j <= i) },
    },
    {
      id: 'upper-triangle',
      title: 'the future allowed instead of the past',
      explain:
        'The mask is lower-triangular: query i sees keys at or before it (j <= i), not after it.',
      impl: { causalMask: mask((i, j, past) => j >= i + past) },
    },
  ],
});
