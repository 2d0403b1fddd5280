import {
  gt,
  linear,
  matmul,
  mean,
  mul,
  relu,
  sub,
  sum,
  type Tensor,
  tensor,
  transpose,
} from '@xf/tensor';
import { defineCheck } from '../../../../engine/types.js';
import { between, normal } from '../../../helpers.js';

interface MlpParams {
  w1: Tensor;
  b1: Tensor;
  w2: Tensor;
  b2: Tensor;
}
type Result = { loss: number; gW1: Tensor; gb1: Tensor; gW2: Tensor; gb2: Tensor };
type Impl = { mlpBackward: (x: Tensor, t: Tensor, p: MlpParams) => Result };
interface Input {
  x: Tensor;
  t: Tensor;
  p: MlpParams;
}

/** mean((y − t)²), with autograd. */
function mseLossFor(y: Tensor, t: Tensor): Tensor {
  const d = sub(y, t);
  return mean(mul(d, d));
}

const leaf = (t: Tensor) => tensor(t.data.slice(), [...t.shape], { requiresGrad: true });

/** The backward pass by hand, with a knob for each classic slip. */
function byHand(opts: { factor?: 'mean' | 'no-two' | 'sum'; reluMask?: boolean }) {
  return (x: Tensor, t: Tensor, p: MlpParams): Result => {
    const a = linear(x, p.w1, p.b1);
    const h = relu(a);
    const diff = sub(linear(h, p.w2, p.b2), t);
    const M = diff.numel();
    const loss = sum(mul(diff, diff)).item() / M;
    const factor = { mean: 2 / M, 'no-two': 1 / M, sum: 2 }[opts.factor ?? 'mean'];
    const gY = mul(diff, factor);
    const gH = matmul(gY, p.w2);
    const gA = opts.reluMask === false ? gH : mul(gH, gt(a, 0));
    return {
      loss,
      gW1: matmul(transpose(gA, 0, 1), x),
      gb1: sum(gA, 0),
      gW2: matmul(transpose(gY, 0, 1), h),
      gb2: sum(gY, 0),
    };
  };
}

function make(g: Parameters<typeof normal>[0], N: number, D: number, H: number, C: number): Input {
  return {
    x: normal(g, [N, D]),
    t: normal(g, [N, C]),
    p: {
      w1: normal(g, [H, D], 0.7),
      b1: normal(g, [H], 0.5),
      w2: normal(g, [C, H], 0.7),
      b2: normal(g, [C], 0.5),
    },
  };
}

export default defineCheck<Impl, Input>({
  title: 'a two-layer network’s backward pass by hand',
  functions: ['mlpBackward'],
  reference:
    'autograd in @xf/tensor: mseLoss(relu(x W1ᵀ + b1) W2ᵀ + b2, t).backward(), then each .grad',
  referenceImpl: {
    mlpBackward: (x, t, p) => {
      const [w1, b1, w2, b2] = [leaf(p.w1), leaf(p.b1), leaf(p.w2), leaf(p.b2)];
      const loss = mseLossFor(linear(relu(linear(x, w1, b1)), w2, b2), t);
      loss.backward();
      return { loss: loss.item(), gW1: w1.grad!, gb1: b1.grad!, gW2: w2.grad!, gb2: b2.grad! };
    },
  },
  tolerance: { atol: 1e-5, rtol: 1e-4 },
  seed: 1200,
  cases: [
    { label: 'one example, one output (N = 1, C = 1)', make: (g) => make(g, 1, 3, 4, 1) },
    { label: 'a batch of 4, 3 → 5 → 2', make: (g) => make(g, 4, 3, 5, 2) },
    {
      label: 'random sizes',
      make: (g) => make(g, between(g, 2, 6), between(g, 2, 5), between(g, 2, 8), between(g, 1, 4)),
    },
  ],
  run: (impl, { x, t, p }) => impl.mlpBackward(x, t, p),
  mistakes: [
    {
      id: 'no-relu-mask',
      title: 'gradient passed through the relu everywhere',
      explain:
        'relu has slope 0 where its input was negative: those units did not affect the output, so they get no gradient. ' +
        'Multiply the gradient by (a > 0), a being the pre-activation x W1ᵀ + b1.',
      impl: { mlpBackward: byHand({ reluMask: false }) },
    },
    {
      id: 'missing-two',
      title: 'the 2 of the square is missing',
      explain: 'd/dy (y − t)² = 2 (y − t). Every gradient is half what it should be.',
      impl: { mlpBackward: byHand({ factor: 'no-two' }) },
    },
    {
      id: 'sum-not-mean',
      title: 'the 1/M of the mean is missing',
      explain:
        'The loss is the mean over all N·C elements, so ∂loss/∂y = 2 (y − t) / (N·C). Your gradients are N·C times too large.',
      impl: { mlpBackward: byHand({ factor: 'sum' }) },
    },
  ],
});
