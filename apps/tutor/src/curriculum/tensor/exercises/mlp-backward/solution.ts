import { gt, linear, matmul, mul, relu, sub, sum, type Tensor, transpose } from '@xf/tensor';

export interface MlpParams {
  w1: Tensor;
  b1: Tensor;
  w2: Tensor;
  b2: Tensor;
}

export function mlpBackward(
  x: Tensor,
  t: Tensor,
  p: MlpParams,
): { loss: number; gW1: Tensor; gb1: Tensor; gW2: Tensor; gb2: Tensor } {
  const a = linear(x, p.w1, p.b1); // pre-activation [N, H]
  const h = relu(a);
  const y = linear(h, p.w2, p.b2); // [N, C]
  const diff = sub(y, t);
  const loss = sum(mul(diff, diff)).item() / diff.numel();

  const gY = mul(diff, 2 / diff.numel()); // ∂ mean((y − t)²) / ∂y
  const gW2 = matmul(transpose(gY, 0, 1), h);
  const gb2 = sum(gY, 0);
  const gH = matmul(gY, p.w2);
  const gA = mul(gH, gt(a, 0)); // relu passes the gradient only where a > 0
  const gW1 = matmul(transpose(gA, 0, 1), x);
  const gb1 = sum(gA, 0);
  return { loss, gW1, gb1, gW2, gb2 };
}
