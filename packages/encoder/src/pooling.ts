/**
 * Pooling: one vector per sequence from the encoder's one vector per token, for a
 * classifier head. Mean pooling averages the real tokens (padding left out); first-token
 * pooling takes position 0, where BERT puts its [CLS] token.
 */
import { check, formatShape, recordOp, select, Tensor } from '@xf/tensor';

function checkStates(op: string, x: unknown): Tensor {
  const h = check.tensor(op, 'input', x);
  if (h.ndim !== 3) {
    throw new Error(`${op}: input must be 3-D [B, T, dModel], got shape ${formatShape(h.shape)}`);
  }
  return h;
}

/**
 * x [B, T, dModel] → [B, dModel]: the mean over each sequence's tokens, leaving out the
 * positions where `paddingMask` [B, T] is true (PyTorch's key-padding convention: true =
 * padding). Padding values are never read, so they cannot leak in even when not finite.
 */
export function meanPool(x: Tensor, paddingMask?: Tensor | null): Tensor {
  const op = 'meanPool';
  const h = checkStates(op, x);
  const [B, T, D] = h.shape;
  if (paddingMask !== undefined && paddingMask !== null) {
    check.tensor(op, 'paddingMask', paddingMask);
    if (paddingMask.ndim !== 2 || paddingMask.shape[0] !== B || paddingMask.shape[1] !== T) {
      throw new Error(
        `${op}: paddingMask of shape ${formatShape(paddingMask.shape)} must be [B, T] = [${B}, ${T}] for input ${formatShape(h.shape)}`,
      );
    }
  }
  const pad = paddingMask ? paddingMask.data : null;
  // weight[b, t] = 1 / (number of real tokens of b) at real tokens, 0 at padding
  const weight = new Float32Array(B * T);
  for (let b = 0; b < B; b++) {
    let n = 0;
    for (let t = 0; t < T; t++) if (!pad || pad[b * T + t] === 0) n++;
    if (n === 0) {
      throw new Error(`${op}: sequence ${b} is all padding; there is nothing to average`);
    }
    for (let t = 0; t < T; t++) if (!pad || pad[b * T + t] === 0) weight[b * T + t] = 1 / n;
  }
  const out = new Float32Array(B * D);
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) {
      const w = weight[b * T + t];
      if (w === 0) continue;
      const row = (b * T + t) * D;
      for (let d = 0; d < D; d++) out[b * D + d] += w * h.data[row + d];
    }
  }
  return recordOp(op, new Tensor(out, [B, D]), [h], (g) => {
    // each real token receives its share of the pooled vector's gradient; padding gets none
    const gx = new Float32Array(B * T * D);
    for (let b = 0; b < B; b++) {
      for (let t = 0; t < T; t++) {
        const w = weight[b * T + t];
        if (w === 0) continue;
        const row = (b * T + t) * D;
        for (let d = 0; d < D; d++) gx[row + d] = w * g.data[b * D + d];
      }
    }
    return [new Tensor(gx, h.shape)];
  });
}

/** x [B, T, dModel] → [B, dModel]: the vector at position 0 (the [CLS] token). */
export function firstTokenPool(x: Tensor): Tensor {
  return select(checkStates('firstTokenPool', x), 1, 0);
}
