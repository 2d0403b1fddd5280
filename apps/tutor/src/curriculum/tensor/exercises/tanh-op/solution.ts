import { recordOp, Tensor } from '@xf/tensor';

export function tanh(x: Tensor): Tensor {
  const y = new Float32Array(x.data.length);
  for (let i = 0; i < y.length; i++) y[i] = Math.tanh(x.data[i]);
  const out = new Tensor(y, x.shape);
  return recordOp('tanh', out, [x], (grad) => {
    const dx = new Float32Array(y.length);
    for (let i = 0; i < y.length; i++) dx[i] = grad.data[i] * (1 - y[i] * y[i]);
    return [new Tensor(dx, x.shape)];
  });
}
