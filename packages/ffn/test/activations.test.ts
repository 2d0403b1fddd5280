import {
  add,
  assertGradcheck,
  erf,
  mul,
  pow,
  setBackend,
  sigmoid,
  type Tensor,
  tanh,
  tensor,
  testing,
} from '@xf/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import { GELU, gelu, ReLU, relu, SiLU, silu } from '../src/index.js';
import { configs, onJs, sample, TOL } from './helpers.js';

afterEach(() => setBackend('js'));

// independent formulas, composed from tensor ops
const geluErf = (x: Tensor) => mul(mul(x, 0.5), add(erf(mul(x, Math.SQRT1_2)), 1));
const geluTanh = (x: Tensor) =>
  mul(mul(x, 0.5), add(tanh(mul(add(x, mul(pow(x, 3), 0.044715)), Math.sqrt(2 / Math.PI))), 1));
const siluRef = (x: Tensor) => mul(x, sigmoid(x));

describe('reference values from the formulas', () => {
  it('gelu (exact) at a few points', () => {
    const y = gelu(tensor([1, -1, 2, -3, 0.5, 0]));
    testing.assertClose(
      y,
      [
        0.8413447460685429, -0.15865525393145707, 1.9544997361036416, -0.004049694094890287,
        0.34573123063700656, 0,
      ],
      { atol: 1e-7, rtol: 1e-6 },
    );
  });

  it('gelu (tanh) at a few points', () => {
    const y = gelu(tensor([1, -1, 2, -3, 0.5]), { approximate: 'tanh' });
    testing.assertClose(
      y,
      [
        0.8411919906082768, -0.15880800939172324, 1.954597694087775, -0.0036373920817729943,
        0.34571400982514394,
      ],
      { atol: 1e-7, rtol: 1e-6 },
    );
  });

  it('gelu(1) = 0.8413447 and gelu-tanh(1) = 0.8411920 to float32', () => {
    expect(gelu(tensor([1])).item()).toBeCloseTo(0.8413447, 7);
    expect(gelu(tensor([1]), { approximate: 'tanh' }).item()).toBeCloseTo(0.841192, 6);
  });

  it('gelu keeps its digits in the far negative tail', () => {
    // -10 Φ(-10) = -7.6198530e-23: a 1 - erf form would give 0
    const y = gelu(tensor([-10])).item();
    expect(y / -7.619853024160593e-23).toBeCloseTo(1, 5);
  });

  it('relu and silu', () => {
    testing.assertClose(relu(tensor([-2, 0, 3])), [0, 0, 3]);
    testing.assertClose(
      silu(tensor([1, -1, 2, -10])),
      [0.7310585786300049, -0.2689414213699951, 1.7615941559557646, -0.0004539786870243439],
      { atol: 1e-7, rtol: 1e-6 },
    );
  });

  it('gelu slope at 1 is Φ(1) + φ(1) = 1.0833155', () => {
    const x = tensor([1], { requiresGrad: true });
    gelu(x).backward(tensor([1]));
    expect(x.grad!.item()).toBeCloseTo(1.0833154705876864, 6);
  });

  it('relu passes no gradient at 0, as PyTorch', () => {
    const x = tensor([-1, 0, 2], { requiresGrad: true });
    relu(x).sum().backward();
    expect(x.grad!.toArray()).toEqual([0, 0, 1]);
  });

  it('keeps shape, including 0-d and empty tensors', () => {
    expect(gelu(tensor(2)).shape).toEqual([]);
    expect(silu(sample([2, 0, 3], 1)).shape).toEqual([2, 0, 3]);
  });
});

describe('against the composed formulas', () => {
  const x = sample([4, 7], 1).mul(3);
  it('gelu exact', () => testing.assertClose(gelu(x), geluErf(x), { atol: 1e-6, rtol: 1e-5 }));
  it('gelu tanh', () =>
    testing.assertClose(gelu(x, { approximate: 'tanh' }), geluTanh(x), { atol: 1e-6, rtol: 1e-5 }));
  it('silu', () => testing.assertClose(silu(x), siluRef(x), { atol: 1e-6, rtol: 1e-5 }));
});

describe('gradients', () => {
  const x = () => sample([3, 5], 2, true);
  it('gelu exact', () => assertGradcheck((t) => gelu(t), [x()]));
  it('gelu tanh', () => assertGradcheck((t) => gelu(t, { approximate: 'tanh' }), [x()]));
  it('silu', () => assertGradcheck((t) => silu(t), [x()]));
  it('relu (away from the kink)', () =>
    assertGradcheck(
      (t) => relu(t),
      [
        tensor(
          [
            [-1.5, 0.3, 2],
            [0.7, -0.2, -3],
          ],
          { requiresGrad: true },
        ),
      ],
    ));
});

describe('every other backend matches the js reference', () => {
  const fns: [string, (t: Tensor) => Tensor][] = [
    ['gelu', (t) => gelu(t)],
    ['gelu tanh', (t) => gelu(t, { approximate: 'tanh' })],
    ['relu', relu],
    ['silu', silu],
  ];
  for (const config of configs) {
    for (const [name, fn] of fns) {
      it(`${name} on ${config.label}, forward and backward`, () => {
        const run = () => {
          const x = sample([6, 9], 3, true).mul(4).detach().requiresGrad_();
          const y = fn(x);
          y.backward(sample([6, 9], 4));
          return { y, grad: x.grad! };
        };
        const ref = onJs(run);
        config.use();
        const got = run();
        testing.assertClose(got.y, ref.y, { ...TOL, name: `${name} forward` });
        testing.assertClose(got.grad, ref.grad, { ...TOL, name: `${name} backward` });
      });
    }
  }
});

describe('modules', () => {
  it('GELU, ReLU, SiLU apply their functions', () => {
    const x = sample([2, 3], 5);
    testing.assertClose(new GELU({ approximate: 'tanh' }).forward(x), geluTanh(x), { atol: 1e-6 });
    testing.assertClose(new ReLU().forward(x), relu(x));
    testing.assertClose(new SiLU().forward(x), siluRef(x), { atol: 1e-6 });
    expect(new GELU().stateDict()).toEqual({});
  });
});

describe('bad input', () => {
  it('names an unknown approximate', () => {
    expect(() => gelu(tensor([1]), { approximate: 'erf' as 'none' })).toThrow(
      "gelu: approximate must be 'none' or 'tanh', got 'erf'",
    );
    expect(() => new GELU({ approximate: 'fast' as 'none' })).toThrow(
      "GELU: approximate must be 'none' or 'tanh'",
    );
  });

  it('names a non-tensor input', () => {
    expect(() => relu([1, 2] as unknown as Tensor)).toThrow(
      'biasActivation: input must be a Tensor, got an array',
    );
  });
});
