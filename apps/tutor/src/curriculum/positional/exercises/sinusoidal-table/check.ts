import { sinusoidalTable } from '@xf/positional';
import { Tensor } from '@xf/tensor';
import { defineCheck } from '../../../../engine/types.js';

type Impl = { sinusoidalTable: (maxLen: number, dModel: number) => Tensor };
interface Input {
  maxLen: number;
  dModel: number;
}

/** The table with a different angle or function per column. */
function table(angleOf: (pos: number, j: number, d: number) => number, sinOnEven = true) {
  return (maxLen: number, dModel: number): Tensor => {
    const t = new Float32Array(maxLen * dModel);
    for (let pos = 0; pos < maxLen; pos++) {
      for (let j = 0; j < dModel; j++) {
        const a = angleOf(pos, j, dModel);
        t[pos * dModel + j] = (j % 2 === 0) === sinOnEven ? Math.sin(a) : Math.cos(a);
      }
    }
    return new Tensor(t, [maxLen, dModel]);
  };
}

export default defineCheck<Impl, Input>({
  title: 'the sinusoidal position table',
  functions: ['sinusoidalTable'],
  reference: 'sinusoidalTable(maxLen, dModel) from @xf/positional',
  referenceImpl: { sinusoidalTable: (maxLen, dModel) => sinusoidalTable(maxLen, dModel) },
  tolerance: { atol: 1e-5, rtol: 1e-4 },
  seed: 2000,
  cases: [
    { label: 'one position (length 1)', make: () => ({ maxLen: 1, dModel: 8 }) },
    { label: '10 positions, dModel = 8', make: () => ({ maxLen: 10, dModel: 8 }) },
    { label: 'odd dModel = 7', make: () => ({ maxLen: 6, dModel: 7 }) },
    { label: 'far positions, dModel = 32', make: () => ({ maxLen: 200, dModel: 32 }) },
  ],
  run: (impl, { maxLen, dModel }) => impl.sinusoidalTable(maxLen, dModel),
  mistakes: [
    {
      id: 'sin-cos-swapped',
      title: 'sine and cosine swapped',
      explain:
        'Even columns (0, 2, 4, …) hold the sine and odd columns the cosine. Yours are the other way round.',
      impl: { sinusoidalTable: table((pos, j, d) => pos / 10000 ** ((j - (j % 2)) / d), false) },
    },
    {
      id: 'exponent-per-column',
      title: 'a different frequency for every column',
      explain:
        'Columns 2i and 2i + 1 share one frequency, 10000^(2i/dModel). You used the column index j itself in the ' +
        'exponent, so the cosine column has its own frequency. Use j - (j % 2).',
      impl: { sinusoidalTable: table((pos, j, d) => pos / 10000 ** (j / d)) },
    },
    {
      id: 'exponent-i-not-2i',
      title: 'exponent i/dModel instead of 2i/dModel',
      explain:
        'The exponent is 2i/dModel, where i numbers the pairs: for columns 4 and 5 it is 4/dModel. Using i/dModel ' +
        '(2/dModel there) makes the wavelengths grow only half as fast.',
      impl: { sinusoidalTable: table((pos, j, d) => pos / 10000 ** (Math.floor(j / 2) / d)) },
    },
  ],
});
