import { add, div, mul, sqrt, square, sub, type Tensor, tensor, zeros } from '@xf/tensor';
import { AdamW } from '@xf/trainer';
import { defineCheck } from '../../../../engine/types.js';
import { normal } from '../../../helpers.js';

interface AdamWOptions {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
}
type State = { m: Tensor; v: Tensor; t: number };
type Step = (
  p: Tensor,
  g: Tensor,
  state: State,
  o: AdamWOptions,
) => { p: Tensor; m: Tensor; v: Tensor };
type Impl = { adamwStep: Step };
interface Input {
  p: Tensor;
  grads: Tensor[];
  o: AdamWOptions;
}

const copy = (t: Tensor) => tensor(t.data.slice(), [...t.shape]);

/** One step of the real optimizer, started from the given state. */
const reference: Step = (p, g, state, o) => {
  const param = tensor(p.data.slice(), [...p.shape], { requiresGrad: true });
  const opt = new AdamW([param], {
    lr: o.lr,
    betas: [o.beta1, o.beta2],
    eps: o.eps,
    weightDecay: o.weightDecay,
  });
  opt.state.set(param, { step: state.t - 1, expAvg: copy(state.m), expAvgSq: copy(state.v) });
  param.grad = copy(g);
  opt.step();
  const s = opt.state.get(param)!;
  return { p: param.detach(), m: s.expAvg as Tensor, v: s.expAvgSq as Tensor };
};

function variant(opts: { biasCorrection?: boolean; l2?: boolean; epsInside?: boolean }): Step {
  return (p, g, state, o) => {
    const grad = opts.l2 ? add(g, mul(p, o.weightDecay)) : g;
    const decayed = opts.l2 ? p : mul(p, 1 - o.lr * o.weightDecay);
    const m = add(mul(state.m, o.beta1), mul(grad, 1 - o.beta1));
    const v = add(mul(state.v, o.beta2), mul(square(grad), 1 - o.beta2));
    const c1 = opts.biasCorrection === false ? 1 : 1 - o.beta1 ** state.t;
    const c2 = opts.biasCorrection === false ? 1 : 1 - o.beta2 ** state.t;
    const vHat = div(v, c2);
    const denom = opts.epsInside ? sqrt(add(vHat, o.eps)) : add(sqrt(vHat), o.eps);
    return { p: sub(decayed, mul(div(div(m, c1), denom), o.lr)), m, v };
  };
}

const defaults: AdamWOptions = { lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.1 };

function make(
  g: Parameters<typeof normal>[0],
  shape: number[],
  steps: number,
  o: Partial<AdamWOptions> = {},
  gradScale = 1,
): Input {
  return {
    p: normal(g, shape),
    grads: Array.from({ length: steps }, () => normal(g, shape, gradScale)),
    o: { ...defaults, ...o },
  };
}

export default defineCheck<Impl, Input>({
  title: 'one AdamW update',
  functions: ['adamwStep'],
  reference:
    'AdamW(params, { lr, betas, eps, weightDecay }).step() from @xf/trainer, step after step',
  referenceImpl: { adamwStep: reference },
  tolerance: { atol: 1e-6, rtol: 1e-5 },
  seed: 5100,
  cases: [
    { label: 'the first step (t = 1) of one number', make: (g) => make(g, [1], 1) },
    { label: '3 steps of a [4, 3] weight', make: (g) => make(g, [4, 3], 3) },
    {
      label: '5 steps, strong decay, β1 = 0.8',
      make: (g) => make(g, [6], 5, { weightDecay: 0.5, beta1: 0.8, lr: 0.05 }),
    },
    { label: 'tiny gradients (~1e-5): eps matters', make: (g) => make(g, [5], 3, {}, 1e-5) },
  ],
  run: (impl, { p, grads, o }) => {
    let state: State = { m: zeros([...p.shape]), v: zeros([...p.shape]), t: 1 };
    let param = p;
    for (const g of grads) {
      const out = impl.adamwStep(param, g, state, o);
      param = out.p;
      state = { m: out.m, v: out.v, t: state.t + 1 };
    }
    return { p: param, m: state.m, v: state.v };
  },
  mistakes: [
    {
      id: 'no-bias-correction',
      title: 'no bias correction',
      explain:
        'm and v start at zero, so early on they are too small by factors (1 − β1ᵗ) and (1 − β2ᵗ). Divide by those ' +
        'factors before the update (m̂ and v̂); without it the first steps are far too small or too large.',
      impl: { adamwStep: variant({ biasCorrection: false }) },
    },
    {
      id: 'l2-not-decoupled',
      title: 'weight decay added to the gradient (Adam + L2)',
      explain:
        'AdamW decays the weights directly, p · (1 − lr·λ), apart from the gradient. Adding λp to g instead makes the ' +
        'decay pass through m and v, where v rescales it: that is Adam with L2 regularisation.',
      impl: { adamwStep: variant({ l2: true }) },
    },
    {
      id: 'eps-inside-sqrt',
      title: 'eps inside the square root',
      explain:
        'The denominator is √v̂ + eps. With gradients near 1e-5, √(v̂ + eps) is about ten times larger.',
      impl: { adamwStep: variant({ epsInside: true }) },
    },
  ],
});
