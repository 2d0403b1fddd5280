import { nn, type Tensor, tensor, testing } from '@xf/tensor';
import { describe, expect, it } from 'vitest';
import { AdamW, clipGradNorm, SGD, weightDecayGroups } from '../src/index.js';

const close = (actual: ArrayLike<number>, expected: number[], name = 'value') =>
  testing.assertClose(actual, expected, { atol: 1e-6, rtol: 1e-6, name });

/** Runs an optimizer over a fixed list of gradients set by hand, recording p after each step. */
function run(
  make: (p: Tensor) => { step(): unknown },
  p0: number[],
  grads: number[][],
): number[][] {
  const p = tensor(p0, { requiresGrad: true });
  const opt = make(p);
  return grads.map((g) => {
    p.grad = tensor(g);
    opt.step();
    return Array.from(p.data);
  });
}

describe('AdamW', () => {
  it('matches the update rule on three hand-computed steps (scalar, weight decay)', () => {
    // lr 0.1, betas (0.9, 0.999), eps 1e-8, weight decay 0.1; p0 = 1; grads 0.5, -0.3, 0.2.
    // step 1: p = 1 (1 - 0.1·0.1) = 0.99; m = 0.1·0.5 = 0.05; v = 0.001·0.25 = 2.5e-4;
    //   denom = √2.5e-4 / √(1 - 0.999) + 1e-8 = 0.5 + 1e-8; p = 0.99 - (0.1 / 0.1)·0.05 / denom = 0.890000002
    // step 2: p = 0.890000002·0.99 = 0.88110000198; m = 0.05 + 0.1(-0.3 - 0.05) = 0.015;
    //   v = 0.999·2.5e-4 + 0.001·0.09 = 3.3975e-4; denom = √3.3975e-4 / √0.001999 + 1e-8 = 0.41226...;
    //   p = 0.88110000198 - (0.1 / 0.19)·0.015 / 0.41226 = 0.8619501989
    // step 3: p = 0.8619501989·0.99; m = 0.015 + 0.1(0.2 - 0.015) = 0.0335;
    //   v = 0.999·3.3975e-4 + 0.001·0.04 = 3.7941025e-4; bias corrections 1 - 0.9³ = 0.271, 1 - 0.999³;
    //   p = 0.8185879288
    const steps = run(
      (p) => new AdamW([p], { lr: 0.1, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0.1 }),
      [1],
      [[0.5], [-0.3], [0.2]],
    );
    close(steps[0], [0.890000002], 'step 1');
    close(steps[1], [0.8619501989], 'step 2');
    close(steps[2], [0.8185879288], 'step 3');
  });

  it('adds eps outside the square root, after the bias correction', () => {
    // lr 0.1, eps 1e-3 (large, so where it goes shows), no weight decay; grads 1e-4, -2e-4.
    // step 1: m = 1e-5, v = 1e-3·1e-8 = 1e-11; denom = √1e-11 / √0.001 + 1e-3 = 1e-4 + 1e-3 = 1.1e-3;
    //   p = 1 - (0.1 / 0.1)·1e-5 / 1.1e-3 = 0.9909090909
    //   (eps inside the root would give √(1e-8 + 1e-3); eps before the correction (√v + eps)/√0.001:
    //   both ≈ 0.9997)
    // step 2: m = 1e-5 + 0.1(-2e-4 - 1e-5) = -1.1e-5; v = 0.999e-11 + 0.001·4e-8 = 4.999e-11;
    //   denom = √4.999e-11 / √0.001999 + 1e-3 = 1.1581376e-3; p = 0.9909090909 + (0.1 / 0.19)·1.1e-5 / 1.1581376e-3 = 0.9959080424
    const steps = run(
      (p) => new AdamW([p], { lr: 0.1, eps: 1e-3, weightDecay: 0 }),
      [1],
      [[1e-4], [-2e-4]],
    );
    close(steps.flat(), [0.9909090909, 0.9959080424]);
  });

  it('keeps the moments PyTorch keeps (step, expAvg, expAvgSq)', () => {
    const p = tensor([1], { requiresGrad: true });
    const opt = new AdamW([p], { lr: 0.1, weightDecay: 0.1 });
    for (const g of [0.5, -0.3]) {
      p.grad = tensor([g]);
      opt.step();
    }
    const s = opt.stateDict().state['0'];
    expect(s.step).toBe(2);
    close((s.expAvg as Tensor).data, [0.015], 'expAvg'); // 0.05 + 0.1 (-0.3 - 0.05)
    close((s.expAvgSq as Tensor).data, [3.3975e-4], 'expAvgSq'); // 0.999·2.5e-4 + 0.001·0.09
  });

  it('amsgrad divides by the running maximum of v (vector, no weight decay)', () => {
    // lr 0.01, p0 = [1, -2], grads [1, 0.1], [0.01, -0.1], [0.01, 0.2].
    // Element 0: v = 1e-3, then 0.999e-3 + 1e-7 = 9.991e-4 (smaller), then 9.982009e-4, so max v stays 1e-3.
    // step 2, element 0 with amsgrad: m = 0.1 + 0.1(0.01 - 0.1) = 0.091;
    //   denom = √1e-3 / √0.001999 + 1e-8 = 0.707283...; p = 0.9900000001 - (0.01 / 0.19)·0.091 / 0.707283 = 0.9832283551
    //   (without amsgrad: denom = √9.991e-4 / √0.001999 = 0.706965..., p = 0.9832253058)
    // Element 1's v grows every step (1e-5, 1.999e-5, 5.997e-5), so both variants agree there.
    const grads = [
      [1, 0.1],
      [0.01, -0.1],
      [0.01, 0.2],
    ];
    const withMax = run(
      (p) => new AdamW([p], { lr: 0.01, weightDecay: 0, amsgrad: true }),
      [1, -2],
      grads,
    );
    close(withMax[0], [0.9900000001, -2.009999999], 'amsgrad step 1');
    close(withMax[1], [0.9832283551, -2.009473683], 'amsgrad step 2');
    close(withMax[2], [0.9779325905, -2.014456104], 'amsgrad step 3');
    const plain = run((p) => new AdamW([p], { lr: 0.01, weightDecay: 0 }), [1, -2], grads);
    close(plain[1], [0.9832253058, -2.009473683], 'plain step 2');
    close(plain[2], [0.9779247709, -2.014456104], 'plain step 3');
  });

  it('maximize ascends: the same as minimizing with the gradient negated', () => {
    const up = run(
      (p) => new AdamW([p], { lr: 0.1, maximize: true }),
      [1, 2],
      [
        [0.5, -1],
        [0.25, 3],
      ],
    );
    const down = run(
      (p) => new AdamW([p], { lr: 0.1 }),
      [1, 2],
      [
        [-0.5, 1],
        [-0.25, -3],
      ],
    );
    expect(up).toEqual(down);
  });

  it('uses PyTorch defaults', () => {
    const opt = new AdamW([tensor([1], { requiresGrad: true })]);
    expect(opt.defaults).toEqual({
      lr: 1e-3,
      betas: [0.9, 0.999],
      eps: 1e-8,
      weightDecay: 1e-2,
      amsgrad: false,
      maximize: false,
    });
  });

  it('refuses invalid options with their name', () => {
    const p = [tensor([1], { requiresGrad: true })];
    expect(() => new AdamW(p, { lr: -1 })).toThrow('AdamW: options: invalid learning rate: -1');
    expect(() => new AdamW(p, { betas: [0.9, 1] })).toThrow('invalid beta parameter at index 1: 1');
    expect(() => new AdamW([])).toThrow('AdamW: got an empty parameter list');
    expect(() => new AdamW([{ params: p, weight_decay: 0 } as never])).toThrow(
      "unknown option 'weight_decay'",
    );
  });
});

describe('SGD', () => {
  it('momentum with dampening and weight decay: three hand-computed steps', () => {
    // lr 0.1, momentum 0.9, dampening 0.1, weight decay 0.01; p0 = 1; grads 0.5, -0.3, 0.2.
    // step 1: g = 0.5 + 0.01·1 = 0.51; b = g (the first buffer is the gradient, undampened); p = 1 - 0.051 = 0.949
    // step 2: g = -0.3 + 0.01·0.949 = -0.29051; b = 0.9·0.51 + 0.9·(-0.29051) = 0.197541; p = 0.949 - 0.0197541 = 0.9292459
    // step 3: g = 0.2 + 0.009292459 = 0.209292459; b = 0.9·0.197541 + 0.9·0.209292459 = 0.3661501131;
    //   p = 0.9292459 - 0.03661501131 = 0.8926308887
    const p = tensor([1], { requiresGrad: true });
    const opt = new SGD([p], { lr: 0.1, momentum: 0.9, dampening: 0.1, weightDecay: 0.01 });
    const expected = [
      [0.949, 0.51],
      [0.9292459, 0.197541],
      [0.8926308887, 0.3661501131],
    ];
    for (const [k, g] of [0.5, -0.3, 0.2].entries()) {
      p.grad = tensor([g]);
      opt.step();
      close(p.data, [expected[k][0]], `p after step ${k + 1}`);
      close(
        (opt.state.get(p)!.momentumBuffer as Tensor).data,
        [expected[k][1]],
        `buffer after step ${k + 1}`,
      );
    }
  });

  it('nesterov: three hand-computed steps', () => {
    // lr 0.1, momentum 0.9, nesterov; grads 0.5, -0.3, 0.2; the update uses g + 0.9 b.
    // step 1: b = 0.5; g = 0.5 + 0.45 = 0.95; p = 1 - 0.095 = 0.905
    // step 2: b = 0.45 - 0.3 = 0.15; g = -0.3 + 0.135 = -0.165; p = 0.905 + 0.0165 = 0.9215
    // step 3: b = 0.135 + 0.2 = 0.335; g = 0.2 + 0.3015 = 0.5015; p = 0.9215 - 0.05015 = 0.87135
    const steps = run(
      (p) => new SGD([p], { lr: 0.1, momentum: 0.9, nesterov: true }),
      [1],
      [[0.5], [-0.3], [0.2]],
    );
    close(steps.flat(), [0.905, 0.9215, 0.87135]);
  });

  it('plain SGD, and maximize', () => {
    // p - lr g: 1 - 0.1·0.5 = 0.95, then 0.95 - 0.1·(-0.3) = 0.98; maximize adds instead
    close(run((p) => new SGD([p], { lr: 0.1 }), [1], [[0.5], [-0.3]]).flat(), [0.95, 0.98]);
    close(
      run((p) => new SGD([p], { lr: 0.1, maximize: true }), [1], [[0.5], [-0.3]]).flat(),
      [1.05, 1.02],
    );
  });

  it('refuses nesterov without momentum or with dampening', () => {
    const p = [tensor([1], { requiresGrad: true })];
    expect(() => new SGD(p, { nesterov: true })).toThrow(
      'Nesterov momentum requires a momentum and zero dampening',
    );
    expect(() => new SGD(p, { nesterov: true, momentum: 0.9, dampening: 0.1 })).toThrow('Nesterov');
  });
});

describe('Optimizer', () => {
  it('skips parameters without a gradient and creates no state for them', () => {
    const a = tensor([1], { requiresGrad: true });
    const b = tensor([2], { requiresGrad: true });
    const opt = new AdamW([a, b], { lr: 0.1 });
    a.grad = tensor([1]);
    opt.step();
    expect(b.data[0]).toBe(2);
    expect(opt.state.has(b)).toBe(false);
    expect(Object.keys(opt.stateDict().state)).toEqual(['0']);
  });

  it('param groups override the defaults, and lr can be set per group', () => {
    const w = tensor([1], { requiresGrad: true });
    const bias = tensor([1], { requiresGrad: true });
    const opt = new SGD([{ params: [w], weightDecay: 0.5 }, { params: [bias] }], { lr: 0.1 });
    expect(opt.paramGroups[1].weightDecay).toBe(0);
    opt.paramGroups[1].lr = 1;
    w.grad = tensor([0]);
    bias.grad = tensor([1]);
    opt.step();
    close(w.data, [0.95]); // 1 - 0.1 (0 + 0.5·1)
    close(bias.data, [0]); // 1 - 1·1
  });

  it('refuses a parameter listed twice', () => {
    const p = tensor([1], { requiresGrad: true });
    expect(() => new SGD([{ params: [p] }, { params: [p] }])).toThrow(
      'appears in more than one place',
    );
  });

  it('zeroGrad clears gradients to null (or zeros)', () => {
    const p = tensor([1, 2], { requiresGrad: true });
    const opt = new SGD([p]);
    p.grad = tensor([3, 4]);
    opt.zeroGrad(false);
    expect(Array.from(p.grad.data)).toEqual([0, 0]);
    opt.zeroGrad();
    expect(p.grad).toBeNull();
  });

  it('refuses a hand-set gradient of the wrong shape', () => {
    const p = tensor([1, 2], { requiresGrad: true });
    const opt = new SGD([p]);
    p.grad = tensor([1, 2, 3]);
    expect(() => opt.step()).toThrow(
      'SGD.step: parameter 0 of group 0 has shape [2] but its grad has shape [3]',
    );
  });

  it('stateDict and loadStateDict continue a run exactly', () => {
    const grads = [
      [0.5, -1],
      [0.25, 3],
      [-2, 0.5],
      [1, 1],
    ];
    const straight = run((p) => new AdamW([p], { lr: 0.1 }), [1, 2], grads);

    const p = tensor([1, 2], { requiresGrad: true });
    const first = new AdamW([p], { lr: 0.1 });
    for (const g of grads.slice(0, 2)) {
      p.grad = tensor(g);
      first.step();
    }
    const saved = first.stateDict();
    const q = tensor(Array.from(p.data), { requiresGrad: true });
    const second = new AdamW([q], { lr: 0.5 }); // the saved lr (0.1) wins
    second.loadStateDict(saved);
    expect(second.paramGroups[0].lr).toBe(0.1);
    for (const g of grads.slice(2)) {
      q.grad = tensor(g);
      second.step();
    }
    expect(Array.from(q.data)).toEqual(straight[3]);
  });

  it('loadStateDict refuses a state that does not fit, changing nothing', () => {
    const p = tensor([1, 2], { requiresGrad: true });
    const opt = new AdamW([p]);
    p.grad = tensor([1, 1]);
    opt.step();
    const good = opt.stateDict();
    const other = new AdamW([tensor([1, 2, 3], { requiresGrad: true })]);
    expect(() => other.loadStateDict(good)).toThrow(
      "state of parameter 0: 'expAvg' has shape [2] (float32), the parameter has [3]",
    );
    expect(other.state.size).toBe(0);
    const sgd = new SGD([tensor([1, 2], { requiresGrad: true })]);
    expect(() => sgd.loadStateDict(good)).toThrow('group 0 has options');
    const twoGroups = { ...good, paramGroups: [...good.paramGroups, good.paramGroups[0]] };
    expect(() => opt.loadStateDict(twoGroups)).toThrow(
      'the state dict has 2 parameter groups, this optimizer has 1',
    );
  });

  it('weightDecayGroups: 2-D and larger decay, 1-D do not (nanoGPT)', () => {
    class Net extends nn.Module {
      fc = new nn.Linear(3, 4);
      emb = new nn.Embedding(5, 3);
    }
    const net = new Net();
    const groups = weightDecayGroups(net, 0.1);
    expect(groups.map((g) => g.weightDecay)).toEqual([0.1, 0]);
    expect(groups[0].params).toEqual([net.fc.weight, net.emb.weight]);
    expect(groups[1].params).toEqual([net.fc.bias]);
    const opt = new AdamW(groups, { lr: 1e-3 });
    expect(opt.paramGroups.map((g) => g.weightDecay)).toEqual([0.1, 0]);
  });

  it('step(closure) returns the closure loss', () => {
    const p = tensor([3], { requiresGrad: true });
    const opt = new SGD([p], { lr: 0.1 });
    const loss = opt.step(() => {
      const l = p.mul(p).sum();
      l.backward();
      return l;
    });
    expect(loss?.item()).toBe(9);
    close(p.data, [2.4]); // 3 - 0.1·6
  });
});

describe('clipGradNorm', () => {
  it('returns the total 2-norm and scales by maxNorm / (norm + 1e-6) when above', () => {
    const a = tensor([0, 0], { requiresGrad: true });
    const b = tensor([0], { requiresGrad: true });
    a.grad = tensor([3, 4]);
    b.grad = tensor([12]);
    // ‖(3, 4, 12)‖ = 13; scale 1 / (13 + 1e-6)
    const norm = clipGradNorm([a, b], 1);
    expect(norm.item()).toBe(13);
    const s = 1 / (13 + 1e-6);
    close(a.grad.data, [3 * s, 4 * s]);
    close(b.grad.data, [12 * s]);
  });

  it('leaves gradients alone below maxNorm, skips missing grads, and supports other norms', () => {
    const a = tensor([0, 0], { requiresGrad: true });
    const none = tensor([0], { requiresGrad: true });
    a.grad = tensor([3, -4]);
    expect(clipGradNorm([a, none], 10).item()).toBe(5);
    expect(Array.from(a.grad.data)).toEqual([3, -4]);
    expect(clipGradNorm(a, 10, { normType: 1 }).item()).toBe(7);
    expect(clipGradNorm(a, 2, { normType: 'inf' }).item()).toBe(4);
    close(a.grad.data, [3 * (2 / (4 + 1e-6)), -4 * (2 / (4 + 1e-6))]);
  });

  it('errorIfNonfinite refuses a NaN norm', () => {
    const a = tensor([0], { requiresGrad: true });
    a.grad = tensor([Number.NaN]);
    expect(() => clipGradNorm(a, 1, { errorIfNonfinite: true })).toThrow('total norm of order 2');
  });
});
