import { linear, matmul, mean, ones, sum, type Tensor, tensor, transpose } from '@xf/tensor';
import { defineCheck } from '../../../../engine/types.js';
import { between, normal } from '../../../helpers.js';

type Grads = { gradX: Tensor; gradW: Tensor; gradB: Tensor };
type Impl = { linearBackward: (x: Tensor, w: Tensor, b: Tensor, gradOut: Tensor) => Grads };
interface Input {
  x: Tensor;
  w: Tensor;
  b: Tensor;
  gradOut: Tensor;
}

const leaf = (t: Tensor) => tensor(t.data.slice(), [...t.shape], { requiresGrad: true });

function make(g: Parameters<typeof normal>[0], N: number, inF: number, outF: number): Input {
  return {
    x: normal(g, [N, inF]),
    w: normal(g, [outF, inF]),
    b: normal(g, [outF]),
    gradOut: normal(g, [N, outF]),
  };
}

export default defineCheck<Impl, Input>({
  title: 'a linear layer’s backward pass by hand',
  functions: ['linearBackward'],
  reference:
    'autograd of linear(x, W, b) from @xf/tensor: y.backward(gradOut), then x.grad, W.grad, b.grad',
  referenceImpl: {
    linearBackward: (x, w, b, gradOut) => {
      const [lx, lw, lb] = [leaf(x), leaf(w), leaf(b)];
      linear(lx, lw, lb).backward(gradOut);
      return { gradX: lx.grad!, gradW: lw.grad!, gradB: lb.grad! };
    },
  },
  tolerance: { atol: 1e-5, rtol: 1e-4 },
  seed: 1000,
  cases: [
    { label: 'one example (N = 1)', make: (g) => make(g, 1, 3, 2) },
    { label: 'one output feature', make: (g) => make(g, 4, 3, 1) },
    { label: 'a batch of 5, 4 → 3', make: (g) => make(g, 5, 4, 3) },
    {
      label: 'random sizes',
      make: (g) => make(g, between(g, 2, 8), between(g, 2, 8), between(g, 2, 8)),
    },
  ],
  run: (impl, { x, w, b, gradOut }) => impl.linearBackward(x, w, b, gradOut),
  mistakes: [
    {
      id: 'bias-mean',
      title: 'bias gradient averaged over the batch',
      explain:
        'b is added to every row, so each row contributes its full gradient: ∂L/∂b = Σₙ gradOut[n], the sum, not the mean. ' +
        '(A loss that averages has already divided gradOut by N.)',
      impl: {
        linearBackward: (x, w, _b, gradOut) => ({
          gradX: matmul(gradOut, w),
          gradW: matmul(transpose(gradOut, 0, 1), x),
          gradB: mean(gradOut, 0),
        }),
      },
    },
    {
      id: 'ignores-grad-out',
      title: 'gradOut left out (as if it were all ones)',
      explain:
        'The chain rule multiplies by the incoming gradient: every term carries a gradOut[n, o]. Your result is what ' +
        'gradOut = 1 everywhere would give.',
      impl: {
        linearBackward: (x, w, _b, gradOut) => {
          const one = ones(gradOut.shape);
          return {
            gradX: matmul(one, w),
            gradW: matmul(transpose(one, 0, 1), x),
            gradB: sum(one, 0),
          };
        },
      },
    },
  ],
});
