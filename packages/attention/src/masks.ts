/**
 * Attention masks. Convention for every mask made here: a bool tensor, true where a query
 * may attend to a key (as scaledDotProductAttention reads a bool attnMask). Masks broadcast
 * to the scores [B, H, L, S] from the right:
 *   causalMask                [L, S]
 *   paddingMaskFromLengths    [B, 1, 1, S]
 *   paddingMask               [B, 1, 1, S]
 * Combined with combineMasks they give [B, 1, L, S].
 * MultiHeadAttention follows PyTorch instead (true = ignore); asKeyPaddingMask converts.
 */
import {
  add,
  broadcastShapes,
  formatShape,
  logicalAnd,
  logicalNot,
  reshape,
  Tensor,
  where,
} from '@xf/tensor';

function checkSize(op: string, name: string, n: number): void {
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${op}: ${name} must be a non-negative integer, got ${n}`);
}

/**
 * [L, S], true where key j is at or before query i: j <= i + diagonal. The default
 * diagonal 0 is PyTorch's isCausal (top-left aligned). With L new queries after S − L
 * cached keys, pass diagonal = S − L so query i (position S − L + i) sees keys 0..S − L + i.
 */
export function causalMask(L: number, S: number = L, diagonal = 0): Tensor {
  checkSize('causalMask', 'L', L);
  checkSize('causalMask', 'S', S);
  if (!Number.isInteger(diagonal))
    throw new Error(`causalMask: diagonal must be an integer, got ${diagonal}`);
  const data = new Float32Array(L * S);
  for (let i = 0; i < L; i++)
    for (let j = 0; j < S; j++) data[i * S + j] = j <= i + diagonal ? 1 : 0;
  return new Tensor(data, [L, S], 'bool');
}

/** [B, 1, 1, S], true for the first lengths[b] keys of sequence b (the rest is padding). */
export function paddingMaskFromLengths(lengths: Tensor | ArrayLike<number>, S: number): Tensor {
  const op = 'paddingMaskFromLengths';
  checkSize(op, 'S', S);
  if (lengths instanceof Tensor && lengths.ndim !== 1) {
    throw new Error(`${op}: lengths must be 1-D [B], got shape ${formatShape(lengths.shape)}`);
  }
  const values = lengths instanceof Tensor ? lengths.data : lengths;
  const B = values.length;
  const data = new Float32Array(B * S);
  for (let b = 0; b < B; b++) {
    const n = values[b];
    if (!Number.isInteger(n) || n < 0 || n > S) {
      throw new Error(`${op}: lengths[${b}] = ${n} must be an integer between 0 and S = ${S}`);
    }
    data.fill(1, b * S, b * S + n);
  }
  return new Tensor(data, [B, 1, 1, S], 'bool');
}

/** [B, 1, 1, S] from token ids [B, S]: true where the id is not `padId`. */
export function paddingMask(ids: Tensor, padId: number): Tensor {
  const op = 'paddingMask';
  if (!(ids instanceof Tensor))
    throw new TypeError(`${op}: ids must be a Tensor of token ids [B, S]`);
  if (ids.ndim !== 2)
    throw new Error(`${op}: ids must be 2-D [B, S], got shape ${formatShape(ids.shape)}`);
  if (typeof padId !== 'number' || !Number.isFinite(padId)) {
    throw new Error(`${op}: padId must be a number, got ${padId}`);
  }
  const [B, S] = ids.shape;
  const data = new Float32Array(B * S);
  for (let i = 0; i < data.length; i++) data[i] = ids.data[i] === padId ? 0 : 1;
  return new Tensor(data, [B, 1, 1, S], 'bool');
}

/** A mask as an additive bias: bool true → 0, false → −∞; a float mask is returned unchanged. */
export function maskToBias(mask: Tensor): Tensor {
  if (mask.dtype === 'float32') return mask;
  if (mask.dtype !== 'bool')
    throw new TypeError(`maskToBias: mask must be bool or float32, got ${mask.dtype}`);
  return where(mask, 0, Number.NEGATIVE_INFINITY);
}

/**
 * Combines masks that must all hold. Bool masks (true = attend) are and-ed; if any mask is
 * float, bool ones become 0 / −∞ biases and everything is added. The result has the
 * broadcast shape; null and undefined entries are skipped (null when nothing is left).
 */
export function combineMasks(...masks: (Tensor | null | undefined)[]): Tensor | null {
  const given = masks.filter((m): m is Tensor => m !== null && m !== undefined);
  given.forEach((m, i) => {
    if (!(m instanceof Tensor)) throw new TypeError(`combineMasks: mask ${i} must be a Tensor`);
    if (m.dtype === 'int32') {
      throw new TypeError(
        `combineMasks: mask ${i} must be bool (true = attend) or float32, got int32`,
      );
    }
  });
  if (given.length === 0) return null;
  // check all shapes first, so the error names them rather than a pair deep in the fold
  given.reduce<number[]>((shape, m, i) => {
    try {
      return broadcastShapes('combineMasks', shape, m.shape);
    } catch {
      throw new Error(
        `combineMasks: mask shapes ${given.map((g) => formatShape(g.shape)).join(', ')} do not broadcast together (at mask ${i})`,
      );
    }
  }, []);
  if (given.every((m) => m.dtype === 'bool')) return given.reduce((a, b) => logicalAnd(a, b));
  return given.map(maskToBias).reduce((a, b) => add(a, b));
}

/**
 * A padding mask in PyTorch's key_padding_mask convention, for MultiHeadAttention:
 * from an attend mask [B, S] or [B, 1, 1, S] (true = attend) to [B, S] with true = ignore.
 */
export function asKeyPaddingMask(mask: Tensor): Tensor {
  const op = 'asKeyPaddingMask';
  if (!(mask instanceof Tensor) || mask.dtype !== 'bool') {
    throw new TypeError(
      `${op}: expects a bool mask (true = attend) of shape [B, S] or [B, 1, 1, S]`,
    );
  }
  const is4d = mask.ndim === 4 && mask.shape[1] === 1 && mask.shape[2] === 1;
  if (mask.ndim !== 2 && !is4d) {
    throw new Error(
      `${op}: expects a mask of shape [B, S] or [B, 1, 1, S], got ${formatShape(mask.shape)}`,
    );
  }
  const flat = is4d ? reshape(mask, [mask.shape[0], mask.shape[3]]) : mask;
  return logicalNot(flat);
}
