/**
 * Shape checks for an encoder layer's input and masks, so that a mistake is reported with the
 * layer's own argument names (srcMask, srcKeyPaddingMask) rather than the attention's.
 * Conventions are PyTorch's: bool true = NOT allowed / padding; float values are added.
 */
import { check, formatShape, type Tensor } from '@xf/tensor';

export interface LayerInputs {
  op: string;
  src: unknown;
  dModel: number;
  nhead: number;
  batchFirst: boolean;
  srcMask: unknown;
  srcKeyPaddingMask: unknown;
}

/** Checks src and the masks; returns src. */
export function checkLayerInputs(m: LayerInputs): Tensor {
  const { op, dModel, nhead, batchFirst } = m;
  const src = check.tensor(op, 'src', m.src);
  const layout = batchFirst ? '[B, T, dModel]' : '[T, B, dModel]';
  if ((src.ndim !== 2 && src.ndim !== 3) || src.shape[src.ndim - 1] !== dModel) {
    throw new Error(
      `${op}: src of shape ${formatShape(src.shape)} must be ${layout} (batchFirst = ${batchFirst}) ` +
        `or [T, dModel] unbatched, with dModel = ${dModel}`,
    );
  }
  const batched = src.ndim === 3;
  const T = batched ? src.shape[batchFirst ? 1 : 0] : src.shape[0];
  const B = batched ? src.shape[batchFirst ? 0 : 1] : 1;
  if (m.srcMask !== undefined && m.srcMask !== null) {
    const mask = check.tensor(op, 'srcMask', m.srcMask);
    const lead = batched ? B * nhead : nhead;
    const square = mask.ndim === 2 && mask.shape[0] === T && mask.shape[1] === T;
    const perHead =
      mask.ndim === 3 && mask.shape[0] === lead && mask.shape[1] === T && mask.shape[2] === T;
    if (!square && !perHead) {
      throw new Error(
        `${op}: srcMask of shape ${formatShape(mask.shape)} must be [T, T] = [${T}, ${T}] or ` +
          `[${batched ? 'B·nhead' : 'nhead'}, T, T] = [${lead}, ${T}, ${T}] (true = not allowed to attend)`,
      );
    }
  }
  if (m.srcKeyPaddingMask !== undefined && m.srcKeyPaddingMask !== null) {
    const mask = check.tensor(op, 'srcKeyPaddingMask', m.srcKeyPaddingMask);
    const expected = batched ? [B, T] : [T];
    if (mask.ndim !== expected.length || mask.shape.some((d, i) => d !== expected[i])) {
      throw new Error(
        `${op}: srcKeyPaddingMask of shape ${formatShape(mask.shape)} must be ` +
          `${batched ? '[B, T]' : '[T]'} = ${formatShape(expected)} (true = padding, ignored as a key)`,
      );
    }
  }
  return src;
}
