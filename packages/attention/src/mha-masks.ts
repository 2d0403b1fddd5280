/**
 * MultiHeadAttention's masks, in PyTorch's nn.MultiheadAttention conventions (bool true =
 * NOT allowed, the opposite of scaledDotProductAttention), turned into one attend mask
 * (true = attend, or a float bias) that broadcasts to [B, H, L, S].
 */
import { formatShape, logicalNot, reshape, type Tensor } from '@xf/tensor';
import { combineMasks } from './masks.js';

/** bool true = ignore → true = attend; a float mask is a bias either way. */
const toAttend = (m: Tensor): Tensor => (m.dtype === 'bool' ? logicalNot(m) : m);

function checkDType(op: string, name: string, m: Tensor): void {
  if (m.dtype === 'int32') {
    throw new TypeError(
      `${op}: ${name} must be bool (true = ignore, as PyTorch) or float32 (added), got int32`,
    );
  }
}

export interface MhaMaskInputs {
  op: string;
  attnMask: Tensor | null | undefined;
  keyPaddingMask: Tensor | null | undefined;
  B: number;
  H: number;
  L: number;
  S: number;
  batched: boolean;
}

/** One mask (true = attend, or float) broadcasting to [B, H, L, S], or null. */
export function mhaMask(m: MhaMaskInputs): Tensor | null {
  const { op, B, H, L, S, batched } = m;
  let attn: Tensor | null = null;
  if (m.attnMask) {
    const a = m.attnMask;
    checkDType(op, 'attnMask', a);
    const lead = batched ? B * H : H;
    if (a.ndim === 2 && a.shape[0] === L && a.shape[1] === S) {
      attn = toAttend(a);
    } else if (a.ndim === 3 && a.shape[0] === lead && a.shape[1] === L && a.shape[2] === S) {
      attn = reshape(toAttend(a), [B, H, L, S]);
    } else {
      throw new Error(
        `${op}: attnMask of shape ${formatShape(a.shape)} should be [L, S] = [${L}, ${S}] or ` +
          `[${batched ? 'B·numHeads' : 'numHeads'}, L, S] = [${lead}, ${L}, ${S}]`,
      );
    }
  }
  let padding: Tensor | null = null;
  if (m.keyPaddingMask) {
    const p = m.keyPaddingMask;
    checkDType(op, 'keyPaddingMask', p);
    const expected = batched ? [B, S] : [S];
    if (p.ndim !== expected.length || p.shape.some((d, i) => d !== expected[i])) {
      throw new Error(
        `${op}: keyPaddingMask of shape ${formatShape(p.shape)} should be ${batched ? '[B, S]' : '[S]'} = ${formatShape(expected)}`,
      );
    }
    padding = reshape(toAttend(p), [B, 1, 1, S]);
  }
  return combineMasks(attn, padding);
}
