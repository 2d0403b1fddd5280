import { rotaryTables } from '@xf/positional';
import { Tensor } from '@xf/tensor';
import { defineCheck } from '../../../../engine/types.js';

type Tables = { cos: Tensor; sin: Tensor };
type Impl = { rotaryTables: (seqLen: number, headDim: number, offset: number) => Tables };
interface Input {
  seqLen: number;
  headDim: number;
  offset: number;
}

function tables(angle: (pos: number, i: number, headDim: number) => number, useOffset = true) {
  return (seqLen: number, headDim: number, offset: number): Tables => {
    const half = headDim / 2;
    const cos = new Float32Array(seqLen * half);
    const sin = new Float32Array(seqLen * half);
    for (let t = 0; t < seqLen; t++) {
      for (let i = 0; i < half; i++) {
        const a = angle((useOffset ? offset : 0) + t, i, headDim);
        cos[t * half + i] = Math.cos(a);
        sin[t * half + i] = Math.sin(a);
      }
    }
    return { cos: new Tensor(cos, [seqLen, half]), sin: new Tensor(sin, [seqLen, half]) };
  };
}

export default defineCheck<Impl, Input>({
  title: 'the RoPE angle tables',
  functions: ['rotaryTables'],
  reference: 'rotaryTables(seqLen, headDim, { offset }) from @xf/positional',
  referenceImpl: {
    rotaryTables: (seqLen, headDim, offset) => rotaryTables(seqLen, headDim, { offset }),
  },
  tolerance: { atol: 1e-5, rtol: 1e-4 },
  seed: 2100,
  cases: [
    { label: 'one position (length 1)', make: () => ({ seqLen: 1, headDim: 8, offset: 0 }) },
    { label: '6 positions, headDim = 8', make: () => ({ seqLen: 6, headDim: 8, offset: 0 }) },
    { label: 'headDim = 2 (one pair)', make: () => ({ seqLen: 4, headDim: 2, offset: 0 }) },
    {
      label: 'after 5 cached tokens (offset = 5)',
      make: () => ({ seqLen: 3, headDim: 16, offset: 5 }),
    },
  ],
  run: (impl, { seqLen, headDim, offset }) => impl.rotaryTables(seqLen, headDim, offset),
  mistakes: [
    {
      id: 'exponent-i',
      title: 'θᵢ = 10000^(−i/headDim)',
      explain:
        'The exponent is −2i/headDim: pair i sits at channels 2i and 2i + 1 of the ladder. Multiply i by 2.',
      impl: { rotaryTables: tables((pos, i, d) => pos * 10000 ** (-i / d)) },
    },
    {
      id: 'offset-ignored',
      title: 'offset ignored',
      explain: 'Row t is position offset + t. Your rows start at position 0 whatever the offset.',
      impl: { rotaryTables: tables((pos, i, d) => pos * 10000 ** ((-2 * i) / d), false) },
    },
    {
      id: 'positive-exponent',
      title: 'θᵢ = 10000^(+2i/headDim)',
      explain:
        'The frequencies fall along the pairs: θᵢ = 10000^(−2i/headDim) = 1 / 10000^(2i/headDim). Keep the minus sign.',
      impl: { rotaryTables: tables((pos, i, d) => pos * 10000 ** ((2 * i) / d)) },
    },
  ],
});
