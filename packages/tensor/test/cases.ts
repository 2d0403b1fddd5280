/**
 * Every differentiable op, as a case that can run on any backend: a function of tensors and
 * inputs drawn from a fixed seed. Inputs stay away from kinks (relu at 0, abs at 0, ties
 * in max) so finite differences are meaningful.
 */
import * as xf from '../src/index.js';
import { Generator, type Tensor } from '../src/index.js';

export interface OpCase {
  name: string;
  fn: (...inputs: Tensor[]) => Tensor;
  /** Input shapes; values come from `values` (default standard normal). */
  shapes: number[][];
  values?: 'normal' | 'positive' | 'unit' | 'away-from-zero';
  gradcheck?: xf.GradcheckOptions;
}

export function makeInputs(c: OpCase, seed = 1): Tensor[] {
  const g = new Generator(seed);
  return c.shapes.map((shape) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const data = Float32Array.from({ length: n }, () => {
      const z = g.normal();
      switch (c.values) {
        case 'positive':
          return 0.5 + Math.abs(z);
        case 'unit':
          return Math.tanh(z) * 0.9;
        case 'away-from-zero':
          return (z >= 0 ? 0.3 : -0.3) + z * 0.5 + (z >= 0 ? 0.2 : -0.2);
        default:
          return z;
      }
    });
    return xf.tensor(data, shape, { requiresGrad: true });
  });
}

export const opCases: OpCase[] = [
  // elementwise, unary
  { name: 'neg', fn: (x) => xf.neg(x), shapes: [[2, 3]] },
  { name: 'exp', fn: (x) => xf.exp(x), shapes: [[2, 3]] },
  { name: 'log', fn: (x) => xf.log(x), shapes: [[2, 3]], values: 'positive' },
  { name: 'sqrt', fn: (x) => xf.sqrt(x), shapes: [[2, 3]], values: 'positive' },
  { name: 'rsqrt', fn: (x) => xf.rsqrt(x), shapes: [[2, 3]], values: 'positive' },
  { name: 'tanh', fn: (x) => xf.tanh(x), shapes: [[2, 3]] },
  { name: 'relu', fn: (x) => xf.relu(x), shapes: [[2, 3]], values: 'away-from-zero' },
  { name: 'sigmoid', fn: (x) => xf.sigmoid(x), shapes: [[2, 3]] },
  { name: 'abs', fn: (x) => xf.abs(x), shapes: [[2, 3]], values: 'away-from-zero' },
  { name: 'erf', fn: (x) => xf.erf(x), shapes: [[2, 3]] },
  { name: 'sin', fn: (x) => xf.sin(x), shapes: [[2, 3]] },
  { name: 'cos', fn: (x) => xf.cos(x), shapes: [[2, 3]] },
  { name: 'reciprocal', fn: (x) => xf.reciprocal(x), shapes: [[2, 3]], values: 'positive' },
  { name: 'square', fn: (x) => xf.square(x), shapes: [[2, 3]] },
  { name: 'clamp', fn: (x) => xf.clamp(x, -0.5, 0.5), shapes: [[3, 4]], values: 'away-from-zero' },
  // elementwise, binary with broadcasting
  {
    name: 'add',
    fn: (a, b) => xf.add(a, b),
    shapes: [
      [2, 3],
      [2, 3],
    ],
  },
  { name: 'add broadcast row', fn: (a, b) => xf.add(a, b), shapes: [[2, 3, 4], [4]] },
  {
    name: 'add broadcast both',
    fn: (a, b) => xf.add(a, b),
    shapes: [
      [2, 1, 4],
      [3, 1],
    ],
  },
  { name: 'add alpha', fn: (a, b) => xf.add(a, b, 2.5), shapes: [[2, 3], [3]] },
  {
    name: 'sub',
    fn: (a, b) => xf.sub(a, b),
    shapes: [
      [2, 3],
      [2, 1],
    ],
  },
  {
    name: 'mul',
    fn: (a, b) => xf.mul(a, b),
    shapes: [
      [4, 1, 3],
      [2, 3],
    ],
  },
  { name: 'mul scalar', fn: (a) => xf.mul(a, 3), shapes: [[2, 3]] },
  { name: 'div', fn: (a, b) => xf.div(a, b), shapes: [[2, 3], [3]], values: 'positive' },
  {
    name: 'pow tensor',
    fn: (a, b) => xf.pow(a, b),
    shapes: [
      [2, 3],
      [2, 3],
    ],
    values: 'positive',
  },
  { name: 'pow scalar', fn: (a) => xf.pow(a, 3), shapes: [[2, 3]] },
  {
    name: 'maximum',
    fn: (a, b) => xf.maximum(a, b),
    shapes: [
      [2, 3],
      [2, 3],
    ],
  },
  { name: 'minimum', fn: (a, b) => xf.minimum(a, b), shapes: [[3, 2], [2]] },
  {
    name: 'where',
    fn: (a, b) => xf.where(xf.gt(a, 0), a, b),
    shapes: [[2, 3], [3]],
    values: 'away-from-zero',
  },
  {
    name: 'maskedFill',
    fn: (a) => xf.maskedFill(a, xf.tensor([true, false, true], { dtype: 'bool' }), -2),
    shapes: [[2, 3]],
  },
  // reductions
  { name: 'sum all', fn: (x) => xf.sum(x), shapes: [[2, 3, 4]] },
  { name: 'sum dim', fn: (x) => xf.sum(x, 1), shapes: [[2, 3, 4]] },
  { name: 'sum dims keepdim', fn: (x) => xf.sum(x, [0, 2], true), shapes: [[2, 3, 4]] },
  { name: 'mean dim', fn: (x) => xf.mean(x, -1), shapes: [[2, 3, 4]] },
  { name: 'amax dim', fn: (x) => xf.amax(x, 1), shapes: [[2, 5, 3]] },
  { name: 'amin all', fn: (x) => xf.amin(x), shapes: [[3, 4]] },
  { name: 'max dim values', fn: (x) => xf.max(x, 1).values, shapes: [[3, 4]] },
  { name: 'min dim keepdim', fn: (x) => xf.min(x, 0, true).values, shapes: [[3, 4]] },
  { name: 'var unbiased', fn: (x) => xf.variance(x, -1), shapes: [[3, 5]] },
  {
    name: 'var biased keepdim',
    fn: (x) => xf.variance(x, 1, { correction: 0, keepdim: true }),
    shapes: [[2, 4, 3]],
  },
  { name: 'std', fn: (x) => xf.std(x, 0), shapes: [[5, 3]] },
  { name: 'logsumexp', fn: (x) => xf.logsumexp(x, -1), shapes: [[3, 5]] },
  // linear algebra
  {
    name: 'matmul 2d',
    fn: (a, b) => xf.matmul(a, b),
    shapes: [
      [3, 4],
      [4, 5],
    ],
  },
  { name: 'matmul vector-vector', fn: (a, b) => xf.matmul(a, b), shapes: [[4], [4]] },
  { name: 'matmul matrix-vector', fn: (a, b) => xf.matmul(a, b), shapes: [[3, 4], [4]] },
  { name: 'matmul vector-batch', fn: (a, b) => xf.matmul(a, b), shapes: [[4], [2, 4, 3]] },
  {
    name: 'matmul batched',
    fn: (a, b) => xf.matmul(a, b),
    shapes: [
      [2, 3, 4],
      [2, 4, 5],
    ],
  },
  {
    name: 'matmul batch broadcast',
    fn: (a, b) => xf.matmul(a, b),
    shapes: [
      [2, 1, 3, 4],
      [3, 4, 2],
    ],
  },
  {
    name: 'matmul nd @ 2d',
    fn: (a, b) => xf.matmul(a, b),
    shapes: [
      [2, 3, 4],
      [4, 5],
    ],
  },
  {
    name: 'mm',
    fn: (a, b) => xf.mm(a, b),
    shapes: [
      [2, 3],
      [3, 2],
    ],
  },
  {
    name: 'bmm',
    fn: (a, b) => xf.bmm(a, b),
    shapes: [
      [2, 2, 3],
      [2, 3, 2],
    ],
  },
  { name: 'linear', fn: (x, w, b) => xf.linear(x, w, b), shapes: [[2, 3, 4], [5, 4], [5]] },
  {
    name: 'linear no bias',
    fn: (x, w) => xf.linear(x, w),
    shapes: [
      [3, 4],
      [2, 4],
    ],
  },
  { name: 'softmax last', fn: (x) => xf.softmax(x, -1), shapes: [[2, 3, 4]] },
  { name: 'softmax middle', fn: (x) => xf.softmax(x, 1), shapes: [[2, 3, 4]] },
  { name: 'logSoftmax', fn: (x) => xf.logSoftmax(x, -1), shapes: [[3, 5]] },
  { name: 'logSoftmax dim0', fn: (x) => xf.logSoftmax(x, 0), shapes: [[3, 5]] },
  // shapes
  {
    name: 'reshape',
    fn: (x) => xf.reshape(x, [3, -1]).mul(xf.arange(4).float()),
    shapes: [[2, 6]],
  },
  {
    name: 'permute',
    fn: (x) => xf.permute(x, [2, 0, 1]).mul(xf.arange(3).float()),
    shapes: [[2, 3, 4]],
  },
  { name: 'transpose', fn: (x) => xf.transpose(x, 0, 2), shapes: [[2, 3, 4]] },
  {
    name: 'expand',
    fn: (x) => xf.expand(x, [2, 3, 4]).mul(xf.randn(2, 3, 4, { generator: new Generator(9) })),
    shapes: [[3, 1]],
  },
  { name: 'slice step', fn: (x) => xf.slice(x, 1, 1, 6, 2), shapes: [[2, 7]] },
  { name: 'narrow', fn: (x) => xf.narrow(x, 0, 1, 2), shapes: [[4, 3]] },
  { name: 'select', fn: (x) => xf.select(x, 1, -1), shapes: [[3, 4]] },
  {
    name: 'cat',
    fn: (a, b) => xf.cat([a, b], 1),
    shapes: [
      [2, 3],
      [2, 2],
    ],
  },
  {
    name: 'stack',
    fn: (a, b) => xf.stack([a, b], -1),
    shapes: [
      [2, 3],
      [2, 3],
    ],
  },
  { name: 'split', fn: (x) => xf.split(x, 2, 1)[1].mul(2), shapes: [[2, 5]] },
  { name: 'chunk', fn: (x) => xf.chunk(x, 3, 0)[2], shapes: [[5, 2]] },
  {
    name: 'repeat',
    fn: (x) => xf.repeat(x, [2, 1, 3]).mul(xf.randn(2, 2, 6, { generator: new Generator(4) })),
    shapes: [[2, 2]],
  },
  { name: 'tril', fn: (x) => xf.tril(x), shapes: [[2, 3, 3]] },
  { name: 'triu diagonal', fn: (x) => xf.triu(x, 1), shapes: [[3, 4]] },
  { name: 'flatten', fn: (x) => xf.flatten(x, 1).mul(xf.arange(12).float()), shapes: [[2, 3, 4]] },
  {
    name: 'unsqueeze squeeze',
    fn: (x) => xf.squeeze(xf.unsqueeze(x, 1).mul(2), 1),
    shapes: [[2, 3]],
  },
  // indexing
  {
    name: 'gather',
    fn: (x) =>
      xf.gather(
        x,
        1,
        xf.tensor(
          [
            [0, 2, 2],
            [1, 0, 1],
          ],
          { dtype: 'int32' },
        ),
      ),
    shapes: [[2, 3]],
  },
  { name: 'indexSelect repeats', fn: (x) => xf.indexSelect(x, 0, [2, 0, 2]), shapes: [[3, 4]] },
  { name: 'indexSelect dim1', fn: (x) => xf.indexSelect(x, 1, [1, 1]), shapes: [[2, 3, 2]] },
  // composed
  {
    name: 'mlp',
    fn: (x, w1, w2) => xf.tanh(xf.matmul(x, w1)).matmul(w2).softmax(-1),
    shapes: [
      [4, 3],
      [3, 5],
      [5, 2],
    ],
  },
];
