/**
 * LayerNorm and RMSNorm as one autograd op each: the forward computes the row statistics,
 * normalises and applies the affine map in one kernel call, and the hand-written backward
 * (derived in kernels/norm-js.ts) replaces the dozen small ops a composed version records.
 */
import { recordOp, Tensor } from '@xf/tensor';
import { normBackwardKernel, normForwardKernel } from './kernels/norm.js';

/**
 * Normalises x over its last `n` values (x viewed as [rows, n]), then scales by weight and
 * shifts by bias (either may be null). `center` false gives RMSNorm.
 */
export function fusedNorm(
  op: string,
  x: Tensor,
  n: number,
  weight: Tensor | null,
  bias: Tensor | null,
  eps: number,
  center: boolean,
): Tensor {
  const rows = x.numel() / n;
  const { y, mean, rstd } = normForwardKernel(
    x.data,
    weight?.data ?? null,
    bias?.data ?? null,
    rows,
    n,
    eps,
    center,
  );
  const inputs = [x, ...(weight ? [weight] : []), ...(bias ? [bias] : [])];
  return recordOp(op, new Tensor(y, x.shape), inputs, (g) => {
    const wantParams = (weight?.requiresGrad ?? false) || (bias?.requiresGrad ?? false);
    const grads = normBackwardKernel(
      x.data,
      weight?.data ?? null,
      g.data,
      mean,
      rstd,
      rows,
      n,
      center,
      wantParams,
    );
    const out: (Tensor | null)[] = [new Tensor(grads.dx, x.shape)];
    if (weight) out.push(grads.dweight && new Tensor(grads.dweight, weight.shape));
    if (bias) out.push(grads.dbias && new Tensor(grads.dbias, bias.shape));
    return out;
  });
}
