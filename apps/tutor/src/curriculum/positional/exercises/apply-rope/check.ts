import { applyRotaryEmb, rotaryTables } from '@xf/positional';
import { add, cat, mul, narrow, sub, type Tensor } from '@xf/tensor';
import { defineCheck } from '../../../../engine/types.js';
import { normal } from '../../../helpers.js';

type Impl = { applyRope: (x: Tensor, offset: number) => Tensor };
interface Input {
  x: Tensor;
  offset: number;
}

/** Rotation with the pairing and direction as given. */
function rope(opts: { interleaved?: boolean; backwards?: boolean }) {
  return (x: Tensor, offset: number): Tensor => {
    if (opts.interleaved) return applyRotaryEmb(x, { offset, interleaved: true });
    const [seq, d] = x.shape.slice(-2);
    const { cos, sin } = rotaryTables(seq, d, { offset });
    const a = narrow(x, -1, 0, d / 2);
    const b = narrow(x, -1, d / 2, d / 2);
    const s = opts.backwards ? mul(sin, -1) : sin;
    return cat([sub(mul(a, cos), mul(b, s)), add(mul(a, s), mul(b, cos))], -1);
  };
}

export default defineCheck<Impl, Input>({
  title: 'RoPE on queries and keys',
  functions: ['applyRope'],
  reference: 'applyRotaryEmb(x, { offset }) from @xf/positional (halves pairing)',
  referenceImpl: { applyRope: (x, offset) => applyRotaryEmb(x, { offset }) },
  tolerance: { atol: 1e-5, rtol: 1e-4 },
  seed: 2200,
  cases: [
    {
      label: 'one token (length 1) at position 0',
      make: (g) => ({ x: normal(g, [1, 4]), offset: 0 }),
    },
    { label: '[seq 5, headDim 8]', make: (g) => ({ x: normal(g, [5, 8]), offset: 0 }) },
    {
      label: 'batch and heads [2, 3, 4, 8]',
      make: (g) => ({ x: normal(g, [2, 3, 4, 8]), offset: 0 }),
    },
    {
      label: 'one new token after 7 cached (offset 7)',
      make: (g) => ({ x: normal(g, [2, 1, 1, 16]), offset: 7 }),
    },
  ],
  run: (impl, { x, offset }) => impl.applyRope(x, offset),
  mistakes: [
    {
      id: 'interleaved',
      title: 'pairs (2i, 2i + 1) instead of (i, i + headDim/2)',
      explain:
        'This exercise uses the "halves" pairing: channel i rotates with channel i + headDim/2. Adjacent pairs are ' +
        'the other convention (RoFormer’s paper, Meta’s original LLaMA); both work, but weights expect one.',
      impl: { applyRope: rope({ interleaved: true }) },
    },
    {
      id: 'rotated-backwards',
      title: 'rotated the wrong way',
      explain: "The rotation is a' = a·cos − b·sin, b' = a·sin + b·cos. Your signs turn by −angle.",
      impl: { applyRope: rope({ backwards: true }) },
    },
  ],
});
