import { LayerNorm, residual } from '@xf/norm-residual';
import { add, nn, type Tensor } from '@xf/tensor';
import { defineCheck } from '../../../../engine/types.js';
import { normal } from '../../../helpers.js';

type Fn = (x: Tensor) => Tensor;
type Impl = {
  postNorm: (x: Tensor, sublayer: Fn, norm: Fn) => Tensor;
  preNorm: (x: Tensor, sublayer: Fn, norm: Fn) => Tensor;
};
interface Input {
  x: Tensor;
  sublayer: Fn;
  norm: Fn;
}

function make(g: Parameters<typeof normal>[0], shape: number[]): Input {
  const d = shape[shape.length - 1];
  const linear = new nn.Linear(d, d);
  linear.loadStateDict({ weight: normal(g, [d, d], 1 / Math.sqrt(d)), bias: normal(g, [d], 0.5) });
  const ln = new LayerNorm(d);
  ln.loadStateDict({ weight: add(normal(g, [d], 0.2), 1), bias: normal(g, [d], 0.2) });
  return { x: normal(g, shape, 2), sublayer: (h) => linear.forward(h), norm: (h) => ln.forward(h) };
}

const post: Impl['postNorm'] = (x, s, n) => n(add(x, s(x)));
const pre: Impl['preNorm'] = (x, s, n) => add(x, s(n(x)));

export default defineCheck<Impl, Input>({
  title: 'pre-norm and post-norm residual blocks',
  functions: ['postNorm', 'preNorm'],
  reference: "residual(x, sublayer, norm, { norm: 'post' | 'pre' }) from @xf/norm-residual",
  referenceImpl: {
    postNorm: (x, s, n) => residual(x, s, n, { norm: 'post' }),
    preNorm: (x, s, n) => residual(x, s, n, { norm: 'pre' }),
  },
  tolerance: { atol: 1e-5, rtol: 1e-4 },
  seed: 3200,
  cases: [
    { label: 'one token (length 1), d = 4', make: (g) => make(g, [1, 4]) },
    { label: 'tokens [2, 3, 8]', make: (g) => make(g, [2, 3, 8]) },
    { label: 'd = 16', make: (g) => make(g, [5, 16]) },
  ],
  run: (impl, { x, sublayer, norm }) => ({
    post: impl.postNorm(x, sublayer, norm),
    pre: impl.preNorm(x, sublayer, norm),
  }),
  mistakes: [
    {
      id: 'swapped',
      title: 'pre-norm and post-norm swapped',
      explain:
        'Post-norm is norm(x + sublayer(x)) (the 2017 paper); pre-norm is x + sublayer(norm(x)) (GPT-2).',
      impl: { postNorm: (x, s, n) => pre(x, s, n), preNorm: (x, s, n) => post(x, s, n) },
    },
    {
      id: 'pre-no-skip',
      title: 'pre-norm without the skip connection',
      explain:
        'The block must add its input back: x + sublayer(norm(x)). Without the + x there is no residual path.',
      impl: { postNorm: post, preNorm: (x, s, n) => s(n(x)) },
    },
    {
      id: 'pre-normed-skip',
      title: 'the skip path is normalised too',
      explain:
        'In pre-norm only the sublayer’s input is normalised; the skip path carries x itself: x + sublayer(norm(x)), ' +
        'not norm(x) + sublayer(norm(x)). That untouched path is what makes deep pre-norm stacks train well.',
      impl: {
        postNorm: post,
        preNorm: (x, s, n) => {
          const h = n(x);
          return add(h, s(h));
        },
      },
    },
  ],
});
