import { recordOp, Tensor, tanh as tanhRef, tensor } from '@xf/tensor';
import { defineCheck } from '../../../../engine/types.js';
import { normal } from '../../../helpers.js';

type Impl = { tanh: (x: Tensor) => Tensor };
interface Input {
  x: Tensor;
  grad: Tensor;
}

/** A custom tanh whose backward is `backward(g, x, y)`, as a learner might write it. */
function customTanh(backward: (g: number, x: number, y: number) => number) {
  return (x: Tensor): Tensor => {
    const y = Float32Array.from(x.data, Math.tanh);
    return recordOp('tanh', new Tensor(y, x.shape), [x], (g) => [
      new Tensor(
        Float32Array.from(y, (yi, i) => backward(g.data[i], x.data[i], yi)),
        x.shape,
      ),
    ]);
  };
}

function make(g: Parameters<typeof normal>[0], shape: number[], scale = 1.5): Input {
  return { x: normal(g, shape, scale), grad: normal(g, shape) };
}

export default defineCheck<Impl, Input>({
  title: 'tanh as an autograd op',
  functions: ['tanh'],
  reference: 'tanh from @xf/tensor: values, and x.grad after y.backward(grad)',
  referenceImpl: { tanh: (x) => tanhRef(x) },
  tolerance: { atol: 1e-5, rtol: 1e-4 },
  seed: 1100,
  cases: [
    { label: 'a single value', make: (g) => make(g, [1]) },
    { label: 'a vector', make: (g) => make(g, [7]) },
    { label: 'a [3, 4] matrix, large inputs', make: (g) => make(g, [3, 4], 4) },
    { label: '3-D', make: (g) => make(g, [2, 3, 2]) },
  ],
  run: (impl, { x, grad }) => {
    const leaf = tensor(x.data.slice(), [...x.shape], { requiresGrad: true });
    const y = impl.tanh(leaf);
    const values = new Tensor(y.data.slice(), [...y.shape]);
    y.backward(grad);
    return {
      y: values,
      grad: leaf.grad ?? 'no gradient reached x (is the op recorded with recordOp?)',
    };
  },
  mistakes: [
    {
      id: 'derivative-in-x',
      title: 'derivative written with x instead of y',
      explain:
        'dy/dx = 1 − tanh(x)² = 1 − y². Your backward uses 1 − x², which is a different function.',
      impl: { tanh: customTanh((g, x) => g * (1 - x * x)) },
    },
    {
      id: 'no-chain',
      title: 'incoming gradient not multiplied in',
      explain:
        'The backward must return ∂L/∂x = ∂L/∂y · dy/dx. You return dy/dx alone; multiply each element by grad.data[i].',
      impl: { tanh: customTanh((_g, _x, y) => 1 - y * y) },
    },
  ],
});
