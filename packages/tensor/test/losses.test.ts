import { describe, expect, it } from 'vitest';
import {
  assertGradcheck,
  binaryCrossEntropyWithLogits,
  crossEntropy,
  Generator,
  logSoftmax,
  nllLoss,
  permute,
  randn,
  setBackend,
  Tensor,
  tensor,
  testing,
} from '../src/index.js';

/** Compares values (shapes are checked where they matter, with toEqual). */
const flat = (v: Tensor | ArrayLike<number>) => (v instanceof Tensor ? v.data : v);
const close = (a: Tensor | ArrayLike<number>, e: Tensor | ArrayLike<number>, name = 'value') =>
  testing.assertClose(flat(a), flat(e), { atol: 1e-5, rtol: 1e-5, name });

const ints = (values: number[], shape?: number[]) =>
  tensor(values, { dtype: 'int32', ...(shape ? { shape } : {}) });

/** Gradient of f at x, via backward. */
function gradOf(f: (x: Tensor) => Tensor, x0: Tensor): Float32Array {
  const x = new Tensor(x0.data.slice(), x0.shape, 'float32', true);
  f(x).backward();
  return x.grad!.data;
}

describe('crossEntropy', () => {
  it('is -log softmax(x)[target] (hand-computed)', () => {
    // -log(e^3 / (e^1 + e^2 + e^3)) = log(1 + e^-1 + e^-2) = 0.4076059644
    // -log(e^0 / (e^0 + e^0)) = log 2 = 0.6931471806; the mean of the two is 0.5503765725
    const logits = tensor([
      [1, 2, 3],
      [0, 0, -Infinity],
    ]);
    close(crossEntropy(logits, ints([2, 0]), { reduction: 'none' }), [0.4076059644, Math.LN2]);
    close(crossEntropy(logits, ints([2, 0])), [0.5503765725]);
  });

  it('equals logSoftmax + nllLoss, values and gradients, for every reduction and with weights', () => {
    const x = randn([6, 5], { generator: new Generator(1) });
    const t = ints([0, 4, 2, 2, 1, 3]);
    const weight = tensor([0.5, 1, 2, 1.5, 0.25]);
    for (const reduction of ['mean', 'sum', 'none'] as const) {
      for (const w of [undefined, weight]) {
        const fused = (z: Tensor) => crossEntropy(z, t, { reduction, weight: w });
        const composed = (z: Tensor) => nllLoss(logSoftmax(z, 1), t, { reduction, weight: w });
        close(fused(x), composed(x), `${reduction}${w ? ' weighted' : ''}`);
        const sumUp = (f: (z: Tensor) => Tensor) => (z: Tensor) => f(z).sum();
        close(
          gradOf(sumUp(fused), x),
          gradOf(sumUp(composed), x),
          `grad ${reduction}${w ? ' weighted' : ''}`,
        );
      }
    }
  });

  it('ignoreIndex: ignored targets add nothing and leave the mean', () => {
    const x = randn([4, 3], { generator: new Generator(2) });
    const t = ints([1, -100, 2, -100]);
    const kept = crossEntropy(
      tensor([Array.from(x.data.slice(0, 3)), Array.from(x.data.slice(6, 9))]),
      ints([1, 2]),
    );
    close(crossEntropy(x, t), kept);
    const none = crossEntropy(x, t, { reduction: 'none' });
    expect(none.data[1]).toBe(0);
    expect(none.data[3]).toBe(0);
    // a custom ignoreIndex inside the class range, and a gradient of zero on ignored rows
    const g = gradOf((z) => crossEntropy(z, ints([1, 0, 2, 0]), { ignoreIndex: 0 }), x);
    expect(Array.from(g.slice(3, 6))).toEqual([0, 0, 0]);
    // every target ignored: 0 / 0, as PyTorch
    expect(crossEntropy(x, ints([-100, -100, -100, -100])).item()).toBeNaN();
  });

  it('labelSmoothing matches (1 - ε) NLL + ε/C Σ_c -log p_c (with weights and an ignored target)', () => {
    const x = randn([3, 4], { generator: new Generator(3) });
    const t = [2, -100, 0];
    const w = [1, 2, 0.5, 3];
    const eps = 0.2;
    const C = 4;
    const lp = logSoftmax(x, 1).data;
    // PyTorch's formula: both parts divided by Σ w[t] over kept rows
    let nll = 0;
    let smooth = 0;
    let denominator = 0;
    for (let i = 0; i < 3; i++) {
      if (t[i] === -100) {
        continue;
      }
      nll += -w[t[i]] * lp[i * C + t[i]];
      for (let c = 0; c < C; c++) {
        smooth += -w[c] * lp[i * C + c];
      }
      denominator += w[t[i]];
    }
    const expected = ((1 - eps) * nll) / denominator + ((eps / C) * smooth) / denominator;
    close(crossEntropy(x, ints(t), { labelSmoothing: eps, weight: tensor(w) }), [expected]);
    // unweighted: the same with w = 1
    let plain = 0;
    for (const i of [0, 2]) {
      plain += (1 - eps) * -lp[i * C + t[i]];
      for (let c = 0; c < C; c++) {
        plain += (eps / C) * -lp[i * C + c];
      }
    }
    close(crossEntropy(x, ints(t), { labelSmoothing: eps }), [plain / 2]);
  });

  it('accepts [N, C, d...] (PyTorch) and [..., C] (class last) layouts', () => {
    const x = randn([2, 3, 4], { generator: new Generator(4) }); // N = 2, C = 3, d = 4
    const t = ints([0, 1, 2, 0, 2, 2, 1, 0], [2, 4]);
    const rows = permute(x, [0, 2, 1]).reshape(8, 3); // the same logits, one row per position
    const perPosition = crossEntropy(x, t, { reduction: 'none' });
    expect(perPosition.shape).toEqual([2, 4]);
    close(perPosition, crossEntropy(rows, t.reshape(8), { reduction: 'none' }));
    // class last: [B, T, C] with [B, T], as a GPT calls it
    const bt = randn([2, 3, 5], { generator: new Generator(5) });
    const targets = ints([4, 0, 1, 3, 3, 2], [2, 3]);
    close(crossEntropy(bt, targets), crossEntropy(bt.reshape(6, 5), targets.reshape(6)));
    // one example: [C] with a 0-d target
    close(crossEntropy(tensor([1, 2, 3]), ints([2], [])), [0.4076059644]);
  });

  it('takes class probabilities as targets', () => {
    const x = randn([3, 4], { generator: new Generator(6) });
    const y = tensor([
      [0.1, 0.2, 0.3, 0.4],
      [1, 0, 0, 0],
      [0.25, 0.25, 0.25, 0.25],
    ]);
    const lp = logSoftmax(x, 1).data;
    let expected = 0;
    for (let i = 0; i < 12; i++) {
      expected += -y.data[i] * lp[i];
    }
    close(crossEntropy(x, y), [expected / 3]);
    // one-hot probabilities equal index targets
    const oneHot = tensor([
      [0, 0, 1, 0],
      [1, 0, 0, 0],
      [0, 0, 0, 1],
    ]);
    close(crossEntropy(x, oneHot), crossEntropy(x, ints([2, 0, 3])));
  });

  it('is stable for huge logits', () => {
    const loss = crossEntropy(tensor([[1000, 0, -1000]]), ints([1]));
    close(loss, [1000]);
    const g = gradOf((z) => crossEntropy(z, ints([1])), tensor([[1000, 0, -1000]]));
    close(g, [1, -1, 0]);
  });

  it('passes gradcheck in every mode', () => {
    const gen = new Generator(7);
    const x = randn([3, 4], { generator: gen, requiresGrad: true });
    const t = ints([1, 3, -100]);
    const w = tensor([1, 0.5, 2, 1.5]);
    const cases: [string, (z: Tensor) => Tensor][] = [
      ['mean', (z) => crossEntropy(z, t)],
      ['sum', (z) => crossEntropy(z, t, { reduction: 'sum' })],
      ['none', (z) => crossEntropy(z, t, { reduction: 'none' })],
      ['weight + smoothing', (z) => crossEntropy(z, t, { weight: w, labelSmoothing: 0.1 })],
      [
        'probabilities',
        (z) =>
          crossEntropy(
            z,
            tensor([
              [0.5, 0.5, 0, 0],
              [0, 0, 0, 1],
              [0.25, 0.25, 0.25, 0.25],
            ]),
            { labelSmoothing: 0.3 },
          ),
      ],
    ];
    for (const [, f] of cases) {
      assertGradcheck(f, [x]);
    }
    const x3 = randn([2, 3, 2], { generator: gen, requiresGrad: true });
    assertGradcheck((z) => crossEntropy(z, ints([0, 2, 1, -100], [2, 2])), [x3]);
  });

  it('gives the js reference result on every backend', () => {
    const x = randn([5, 7], { generator: new Generator(9) });
    const t = ints([0, 6, 3, -100, 2]);
    const options = { labelSmoothing: 0.1, weight: tensor([1, 2, 1, 0.5, 1, 1, 3]) };
    setBackend('js');
    const reference = crossEntropy(x, t, options);
    const referenceGrad = gradOf((z) => crossEntropy(z, t, options), x);
    try {
      for (const config of testing.backendConfigs()) {
        config.use();
        close(crossEntropy(x, t, options), reference, `${config.label} value`);
        close(
          gradOf((z) => crossEntropy(z, t, options), x),
          referenceGrad,
          `${config.label} gradient`,
        );
        close(
          nllLoss(logSoftmax(x, 1), t),
          crossEntropy(x, t),
          `${config.label} against the composed ops`,
        );
      }
    } finally {
      setBackend('js');
    }
  });

  it('refuses bad input with a clear message', () => {
    const x = tensor([[1, 2, 3]]);
    expect(() => crossEntropy(x, ints([3]))).toThrow(
      'crossEntropy: target 3 at position 0 is not a class index in [0, 3)',
    );
    expect(() => crossEntropy(x, ints([0, 1]))).toThrow(
      'crossEntropy: target of shape [2] does not fit input of shape [1, 3]',
    );
    expect(() => crossEntropy(x, tensor([0.5]))).toThrow(
      'target 0.5 at position 0 is not a class index',
    );
    expect(() => crossEntropy(x, ints([0]), { weight: tensor([1, 2]) })).toThrow(
      'weight must have shape [3]',
    );
    expect(() => crossEntropy(x, ints([0]), { reduction: 'avg' as never })).toThrow(
      "reduction must be 'mean', 'sum' or 'none'",
    );
    expect(() => crossEntropy(x, ints([0]), { labelSmoothing: 1.5 })).toThrow(
      'labelSmoothing must be in [0, 1]',
    );
    expect(() => crossEntropy(randn([2, 5, 5]), ints(new Array(10).fill(0), [2, 5]))).toThrow(
      'reshape to [N, C] and [N] to say which',
    );
  });
});

describe('binaryCrossEntropyWithLogits', () => {
  const naive = (x: number, y: number, pw = 1) => {
    const s = 1 / (1 + Math.exp(-x));
    return -(pw * y * Math.log(s) + (1 - y) * Math.log(1 - s));
  };

  it('matches -[y log σ(x) + (1 - y) log(1 - σ(x))] where that is computable, with posWeight', () => {
    const xs = [-3, -0.5, 0, 0.7, 2.5];
    const ys = [0, 1, 0.3, 1, 0];
    close(
      binaryCrossEntropyWithLogits(tensor(xs), tensor(ys), { reduction: 'none' }),
      xs.map((x, i) => naive(x, ys[i])),
    );
    close(
      binaryCrossEntropyWithLogits(tensor(xs), tensor(ys), {
        reduction: 'none',
        posWeight: tensor([3]),
      }),
      xs.map((x, i) => naive(x, ys[i], 3)),
    );
    const mean = xs.reduce((a, x, i) => a + naive(x, ys[i]), 0) / xs.length;
    close(binaryCrossEntropyWithLogits(tensor(xs), tensor(ys)), [mean]);
    close(binaryCrossEntropyWithLogits(tensor(xs), tensor(ys), { reduction: 'sum' }), [
      mean * xs.length,
    ]);
  });

  it('is finite and exact at ±100, values and gradients', () => {
    const x = tensor([100, -100, 100, -100]);
    const y = tensor([0, 1, 1, 0]);
    // wrong with confidence 100: loss ≈ 100; right: loss = log(1 + e^-100) ≈ 3.7e-44
    const losses = binaryCrossEntropyWithLogits(x, y, { reduction: 'none' });
    close(losses, [100, 100, 0, 0]);
    expect(Array.from(losses.data).every(Number.isFinite)).toBe(true);
    // dL/dx = σ(x) - y: 1, -1, 0, 0
    const g = gradOf((z) => binaryCrossEntropyWithLogits(z, y, { reduction: 'sum' }), x);
    close(g, [1, -1, 0, 0]);
  });

  it('weight rescales each element', () => {
    const x = tensor([
      [0.5, -1],
      [2, 0],
    ]);
    const y = tensor([
      [1, 0],
      [0, 1],
    ]);
    const w = tensor([2, 0.5]);
    const expected = [naive(0.5, 1) * 2, naive(-1, 0) * 0.5, naive(2, 0) * 2, naive(0, 1) * 0.5];
    close(
      binaryCrossEntropyWithLogits(x, y, { weight: w, reduction: 'none' }).reshape(4),
      expected,
    );
  });

  it('passes gradcheck for the logits and the target', () => {
    const gen = new Generator(8);
    const x = randn([2, 3], { generator: gen, requiresGrad: true });
    const y = tensor(
      [
        [0.2, 0.9, 0.5],
        [1, 0, 0.4],
      ],
      { requiresGrad: true },
    );
    assertGradcheck(
      (a, b) => binaryCrossEntropyWithLogits(a, b, { posWeight: tensor([1, 2, 0.5]) }),
      [x, y],
    );
  });

  it('refuses a target of another shape, and a posWeight that does not broadcast', () => {
    expect(() => binaryCrossEntropyWithLogits(tensor([1, 2]), tensor([1]))).toThrow(
      'binaryCrossEntropyWithLogits: target size [1] must be the same as input size [2]',
    );
    expect(() =>
      binaryCrossEntropyWithLogits(tensor([1, 2]), tensor([1, 0]), {
        posWeight: tensor([1, 2, 3]),
      }),
    ).toThrow('posWeight of shape [3] does not broadcast to input [2]');
  });
});

describe('nllLoss', () => {
  it('picks -input[target], weighted, ignoring ignoreIndex', () => {
    const lp = tensor([
      [-1, -2, -3],
      [-0.5, -1.5, -2.5],
      [-4, -5, -6],
    ]);
    // (2·2 + 1·0.5) / (2 + 1): the ignored row is left out
    close(nllLoss(lp, ints([1, 0, -100]), { weight: tensor([1, 2, 3]) }), [(2 * 2 + 1 * 0.5) / 3]);
    close(nllLoss(lp, ints([2, 2, 0]), { reduction: 'none' }), [3, 2.5, 4]);
  });
});
