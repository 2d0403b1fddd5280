import { matmul, sum, type Tensor, transpose } from '@xf/tensor';

export function linearBackward(
  x: Tensor,
  w: Tensor,
  b: Tensor,
  gradOut: Tensor,
): { gradX: Tensor; gradW: Tensor; gradB: Tensor } {
  return {
    gradX: matmul(gradOut, w), // [N, out] [out, in] → [N, in]
    gradW: matmul(transpose(gradOut, 0, 1), x), // [out, N] [N, in] → [out, in]
    gradB: sum(gradOut, 0), // b is added to every row: its gradient sums over them
  };
}
