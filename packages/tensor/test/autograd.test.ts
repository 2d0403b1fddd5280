import { describe, expect, it } from 'vitest';
import * as xf from '../src/index.js';
import { noGrad, tensor } from '../src/index.js';

describe('autograd', () => {
  it('back-propagates through a small expression by hand', () => {
    // f = (ab + b)² at a = 2, b = 5: f = 225; df/da = 2(ab + b)·b = 150; df/db = 2(ab + b)·(a + 1) = 90
    const a = tensor(2, { requiresGrad: true });
    const b = tensor(5, { requiresGrad: true });
    const f = a.mul(b).add(b).pow(2);
    expect(f.item()).toBe(225);
    f.backward();
    expect(a.grad!.item()).toBe(150);
    expect(b.grad!.item()).toBe(90);
  });

  it('accumulates gradients across backward calls until cleared', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    w.mul(3).sum().backward();
    w.mul(3).sum().backward();
    expect(w.grad!.toArray()).toEqual([6, 6]);
    w.grad = null;
    w.sum().backward();
    expect(w.grad!.toArray()).toEqual([1, 1]);
  });

  it('adds the contributions of a tensor used twice (diamond graph)', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const y = x.mul(2);
    const z = y.add(y.mul(y)).sum(); // z = Σ 2x + 4x²: dz/dx = 2 + 8x
    z.backward();
    expect(x.grad!.toArray()).toEqual([10, 18, 26]);
  });

  it('add(x, x) gives 2 and does not alias gradients of different inputs', () => {
    const x = tensor([1, 1], { requiresGrad: true });
    const a = tensor([1, 1], { requiresGrad: true });
    const b = tensor([1, 1], { requiresGrad: true });
    xf.add(x, x).sum().backward();
    expect(x.grad!.toArray()).toEqual([2, 2]);
    const s = xf.add(a, b); // same gradient tensor flows to a and b
    xf.add(s.sum(), a.mul(5).sum()).backward();
    expect(a.grad!.toArray()).toEqual([6, 6]);
    expect(b.grad!.toArray()).toEqual([1, 1]);
  });

  it('records nothing inside noGrad, and detach cuts the graph', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = noGrad(() => x.mul(2));
    expect(y.requiresGrad).toBe(false);
    expect(y.gradFn).toBeNull();
    const d = x.detach();
    expect(d.requiresGrad).toBe(false);
    expect(d.data).toBe(x.data);
    const z = x.mul(d).sum(); // only the first factor carries gradient
    z.backward();
    expect(x.grad!.toArray()).toEqual([1, 2]);
    expect(xf.isGradEnabled()).toBe(true);
  });

  it('enableGrad turns recording back on inside noGrad', () => {
    const x = tensor([1], { requiresGrad: true });
    const y = noGrad(() => xf.enableGrad(() => x.mul(2)));
    expect(y.requiresGrad).toBe(true);
  });

  it('keeps gradients of intermediate tensors only when asked (retainGrad)', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const h = x.mul(3).retainGrad();
    const k = x.mul(4);
    h.add(k).sum().backward();
    expect(h.grad!.toArray()).toEqual([1, 1]);
    expect(k.grad).toBeNull();
    expect(x.grad!.toArray()).toEqual([7, 7]);
  });

  it('takes an explicit gradient for non-scalar outputs', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    x.mul(x).backward(tensor([1, 0, -1]));
    expect(x.grad!.toArray()).toEqual([2, 0, -6]);
  });

  it('explains backward on a non-scalar without a gradient', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    expect(() => x.mul(2).backward()).toThrow(
      'backward: grad can be implicitly created only for scalar outputs, but this tensor has shape [2]; pass a gradient of the same shape: y.backward(gradient)',
    );
    expect(() => x.mul(2).backward(tensor([1, 2, 3]))).toThrow(
      /gradient has shape \[3\] but the tensor has shape \[2\]/,
    );
    expect(() => tensor([1]).backward()).toThrow(/does not require grad/);
  });

  it('refuses gradients on non-float tensors and in-place changes to leaves', () => {
    expect(() => tensor([1, 2], { dtype: 'int32', requiresGrad: true })).toThrow(
      /only float32 tensors can require gradients/,
    );
    const w = tensor([1, 2], { requiresGrad: true });
    expect(() => w.fill_(0)).toThrow(/cannot be modified in place while grad is enabled/);
    noGrad(() => w.fill_(0));
    expect(w.toArray()).toEqual([0, 0]);
  });

  it('a custom op joins autograd through recordOp', () => {
    // cube with a hand-written gradient 3x²
    const cube = (x: xf.Tensor) =>
      xf.recordOp(
        'cube',
        tensor(
          x.data.map((v) => v ** 3),
          x.shape,
        ),
        [x],
        (g) => [g.mul(x.mul(x).mul(3))],
      );
    const x = tensor([1, -2], { requiresGrad: true });
    cube(x).sum().backward();
    expect(x.grad!.toArray()).toEqual([3, 12]);
    xf.assertGradcheck(cube, [tensor([0.5, -1.5], { requiresGrad: true })]);
  });

  it('gradcheck reports the element that disagrees', () => {
    const wrong = (x: xf.Tensor) =>
      xf.recordOp(
        'wrong',
        tensor(
          x.data.map((v) => v * v),
          x.shape,
        ),
        [x],
        (g) => [g.mul(x)],
      ); // should be 2x
    const result = xf.gradcheck(wrong, [tensor([1, 2], { requiresGrad: true })]);
    expect(result.ok).toBe(false);
    expect(result.mismatch?.input).toBe(0);
    expect(result.message).toMatch(
      /gradient of input 0 at flat index \d is .*, finite differences give/,
    );
    expect(() => xf.assertGradcheck(wrong, [tensor([1, 2], { requiresGrad: true })])).toThrow(
      /finite differences/,
    );
  });

  it('handles a long chain without recursion limits', () => {
    const x = tensor([1], { requiresGrad: true });
    let y = x;
    for (let i = 0; i < 20000; i++) y = y.add(1e-4);
    y.sum().backward();
    expect(x.grad!.item()).toBe(1);
  });
});

describe('buffer reuse in backward', () => {
  it('recycles gradient buffers it created, but never a tensor the caller can see', () => {
    xf.clearPool();
    xf.setBackend('js');
    const g = new xf.Generator(3);
    const w1 = xf.randn([64, 96], { generator: g, requiresGrad: true });
    const w2 = xf.randn([96, 80], { generator: g, requiresGrad: true });
    const step = () => {
      const x = xf.randn([70, 64], { generator: g });
      const hidden = x.matmul(w1).tanh();
      const out = hidden.matmul(w2).softmax(-1);
      const loss = out.square().mean();
      w1.grad = null;
      w2.grad = null;
      loss.backward();
      return { hidden, out, grad: w1.grad! };
    };
    const kept = step();
    const copies = [kept.hidden, kept.out, kept.grad].map((t) => t.data.slice());
    expect(xf.pooledFloats()).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) step();
    [kept.hidden, kept.out, kept.grad].forEach((t, i) => {
      expect(Array.from(t.data)).toEqual(Array.from(copies[i]));
    });
  });

  it('gives the same gradients with a warm pool as with a cold one', () => {
    const run = () => {
      const g = new xf.Generator(4);
      const w = xf.randn([50, 100], { generator: g, requiresGrad: true });
      const x = xf.randn([90, 50], { generator: g });
      x.matmul(w).relu().matmul(w.t()).sum().backward();
      return Array.from(w.grad!.data);
    };
    xf.clearPool();
    const cold = run();
    const warm = run();
    expect(warm).toEqual(cold);
  });
});
