import { rotaryTables } from '@xf/positional';
import { add, cat, mul, narrow, sub, type Tensor } from '@xf/tensor';

export function applyRope(x: Tensor, offset: number): Tensor {
  const seq = x.shape[x.shape.length - 2];
  const headDim = x.shape[x.shape.length - 1];
  const half = headDim / 2;
  const { cos, sin } = rotaryTables(seq, headDim, { offset }); // [seq, half], broadcast over the rest
  const a = narrow(x, -1, 0, half);
  const b = narrow(x, -1, half, half);
  return cat([sub(mul(a, cos), mul(b, sin)), add(mul(a, sin), mul(b, cos))], -1);
}
