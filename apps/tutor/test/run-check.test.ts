import { mul, type Tensor } from '@xf/tensor';
import { describe, expect, it } from 'vitest';
import { normal } from '../src/curriculum/helpers.js';
import { findExercise } from '../src/curriculum/registry.js';
import { runCheck } from '../src/engine/run-check.js';
import { defineCheck, type Impl } from '../src/engine/types.js';

type M = { double: (x: Tensor) => Tensor };
const check = defineCheck<M, { x: Tensor }>({
  title: 'double',
  functions: ['double'],
  reference: 'x · 2',
  referenceImpl: { double: (x) => mul(x, 2) },
  tolerance: { atol: 1e-6, rtol: 1e-6 },
  seed: 1,
  cases: [
    { label: 'small', make: (g) => ({ x: normal(g, [3]) }) },
    { label: 'matrix', make: (g) => ({ x: normal(g, [2, 2]) }) },
  ],
  run: (impl, { x }) => impl.double(x),
  mistakes: [
    { id: 'triple', title: 'times three', explain: 'use 2', impl: { double: (x) => mul(x, 3) } },
    { id: 'identity', title: 'unchanged', explain: 'multiply', impl: { double: (x) => x } },
  ],
});
const run = (impl: Impl) => runCheck(check as never, impl);

describe('runCheck', () => {
  it('passes a right implementation', () => {
    expect(run({ double: (x: Tensor) => x.add(x) }).status).toBe('pass');
  });

  it('diagnoses a known mistake', () => {
    const r = run({ double: (x: Tensor) => x });
    expect(r.status).toBe('fail');
    if (r.status === 'fail') {
      expect(r.diagnosis?.id).toBe('identity');
      expect(r.failure.index).toBe(0);
      expect(r.failedCount).toBe(2);
    }
  });

  it('gives no diagnosis for an unknown mistake', () => {
    const r = run({ double: (x: Tensor) => mul(x, 5) });
    expect(r.status === 'fail' && r.diagnosis).toBeFalsy();
  });

  it('reports missing exports, TODOs and thrown errors', () => {
    expect(run({ other: () => 1 })).toMatchObject({
      status: 'missing-exports',
      missing: ['double'],
      found: ['other'],
    });
    expect(
      run({
        double: () => {
          throw new Error('TODO: write it');
        },
      }).status,
    ).toBe('todo');
    const r = run({
      double: () => {
        throw new Error('boom');
      },
    });
    expect(r).toMatchObject({
      status: 'error',
      message: 'boom',
      case: { index: 0, label: 'small' },
    });
  });

  it('feeds each implementation fresh inputs, so mutating them changes nothing', () => {
    const r = run({
      double: (x: Tensor) => {
        const y = mul(x, 2);
        x.data.fill(0);
        return y;
      },
    });
    expect(r.status).toBe('pass');
  });

  it('catches every shipped mistake of a real exercise as itself', () => {
    const ref = findExercise('attention/masked-attention')!;
    for (const m of ref.exercise.check.mistakes) {
      const r = runCheck(ref.exercise.check, m.impl);
      expect(r.status === 'fail' && r.diagnosis?.id).toBe(m.id);
    }
  });
});
