/**
 * Checks attention inputs and lays them out for the kernels: the broadcast batch shape,
 * where each batch entry's q, k, v and mask start, and the mask as an additive bias.
 * Every error names the op, the argument and the shapes.
 */
import { formatShape, numel, stridesOf, Tensor } from '@xf/tensor';
import {
  type AttentionLayout,
  MASKED,
  MASKED_THRESHOLD,
  type MaskLayout,
} from './kernels/layout.js';

export interface PlanOptions {
  /** Names the caller in error messages. */
  op: string;
  /** bool: true = may attend; float: added to the scores (−∞ = masked). */
  mask?: Tensor | null;
  /** Name of the mask argument in error messages. */
  maskName?: string;
  /** Causal masking: query i sees keys j <= i + diagonal; null for none. */
  causalDiagonal?: number | null;
  scale?: number | null;
  enableGqa?: boolean;
}

export interface AttentionPlan {
  layout: AttentionLayout;
  /** Output batch dims: output is [...batch, L, Ev], weights [...batch, L, S]. */
  batch: number[];
}

function checkOperand(op: string, name: string, x: unknown, dims: string): Tensor {
  if (!(x instanceof Tensor)) throw new TypeError(`${op}: ${name} must be a Tensor`);
  if (x.dtype !== 'float32') throw new TypeError(`${op}: ${name} must be float32, got ${x.dtype}`);
  if (x.ndim < 2) {
    throw new Error(
      `${op}: ${name} must have at least 2 dims ${dims}, got shape ${formatShape(x.shape)}`,
    );
  }
  return x;
}

/** Broadcasts batch shapes like PyTorch; null when they do not fit. */
function broadcastAll(shapes: readonly (readonly number[])[]): number[] | null {
  const rank = Math.max(...shapes.map((s) => s.length));
  const out = new Array<number>(rank).fill(1);
  for (const s of shapes) {
    for (let i = 0; i < s.length; i++) {
      const d = s[i];
      const o = rank - s.length + i;
      if (d === out[o] || d === 1) continue;
      if (out[o] !== 1) return null;
      out[o] = d;
    }
  }
  return out;
}

/**
 * Where each output batch entry's matrix starts in an operand with batch dims `own`
 * (right-aligned to `out`). With `groups` > 1 the last batch dim is the head dim, and
 * `groups` consecutive query heads read the same key/value head.
 */
export function batchOffsets(
  own: readonly number[],
  out: readonly number[],
  matrixSize: number,
  groups = 1,
): number[] {
  const lead = out.length - own.length;
  const strides = stridesOf(own);
  const count = numel(out);
  const offsets = new Array<number>(count);
  const index = new Array<number>(out.length).fill(0);
  for (let t = 0; t < count; t++) {
    let matrix = 0;
    for (let d = 0; d < own.length; d++) {
      const i = index[d + lead];
      const isHead = groups > 1 && d === own.length - 1;
      const ownIndex = isHead ? Math.floor(i / groups) : own[d] === 1 ? 0 : i;
      matrix += ownIndex * strides[d];
    }
    offsets[t] = matrix * matrixSize;
    for (let d = out.length - 1; d >= 0; d--) {
      if (++index[d] < out[d]) break;
      index[d] = 0;
    }
  }
  return offsets;
}

/** The mask as a bias: bool true → 0, false → MASKED; float copied, −∞ → MASKED. */
function maskBias(mask: Tensor): Float32Array {
  const bias = new Float32Array(mask.numel());
  const src = mask.data;
  if (mask.dtype === 'bool') {
    for (let i = 0; i < bias.length; i++) bias[i] = src[i] !== 0 ? 0 : MASKED;
  } else {
    for (let i = 0; i < bias.length; i++) bias[i] = src[i] <= MASKED_THRESHOLD ? MASKED : src[i];
  }
  return bias;
}

export function planAttention(
  q: Tensor,
  k: Tensor,
  v: Tensor,
  options: PlanOptions,
): AttentionPlan {
  const { op, enableGqa = false } = options;
  checkOperand(op, 'query', q, '[..., L, E]');
  checkOperand(op, 'key', k, '[..., S, E]');
  checkOperand(op, 'value', v, '[..., S, Ev]');
  const [L, E] = q.shape.slice(-2);
  const [S, Ek] = k.shape.slice(-2);
  const [Sv, Ev] = v.shape.slice(-2);
  const shapes = `query ${formatShape(q.shape)}, key ${formatShape(k.shape)}, value ${formatShape(v.shape)}`;
  if (Ek !== E) {
    throw new Error(
      `${op}: query and key must have the same last dim E, got ${E} and ${Ek} (${shapes})`,
    );
  }
  if (Sv !== S) {
    throw new Error(
      `${op}: key and value must have the same sequence length S (dim -2), got ${S} and ${Sv} (${shapes})`,
    );
  }

  const qBatch = q.shape.slice(0, -2);
  let kBatch = k.shape.slice(0, -2);
  let vBatch = v.shape.slice(0, -2);
  let kGroups = 1;
  let vGroups = 1;
  if (enableGqa) {
    if (q.ndim < 3 || k.ndim < 3 || v.ndim < 3) {
      throw new Error(
        `${op}: enableGqa needs a head dim (-3) in query, key and value [..., H, L, E] (${shapes})`,
      );
    }
    const heads = qBatch[qBatch.length - 1];
    const groupsOf = (name: string, batch: number[]): number => {
      const h = batch[batch.length - 1];
      if (heads % h !== 0) {
        throw new Error(
          `${op}: enableGqa: ${name} has ${h} heads (dim -3), which does not divide query's ${heads} heads (${shapes})`,
        );
      }
      return heads / h;
    };
    kGroups = groupsOf('key', kBatch);
    vGroups = groupsOf('value', vBatch);
    kBatch = [...kBatch.slice(0, -1), heads];
    vBatch = [...vBatch.slice(0, -1), heads];
  }
  const batch = broadcastAll([qBatch, kBatch, vBatch]);
  if (!batch) {
    const hq = q.ndim >= 3 ? q.shape[q.ndim - 3] : 1;
    const hk = k.ndim >= 3 ? k.shape[k.ndim - 3] : 1;
    const hint =
      !enableGqa && hq !== hk && hk !== 1 && hq % hk === 0
        ? `; for grouped-query attention (${hk} key/value heads shared by ${hq} query heads) pass enableGqa: true`
        : '';
    throw new Error(
      `${op}: the batch dims of query, key and value do not broadcast (${shapes})${hint}`,
    );
  }

  let scale = 1 / Math.sqrt(E);
  if (options.scale !== undefined && options.scale !== null) {
    if (typeof options.scale !== 'number' || !Number.isFinite(options.scale)) {
      throw new Error(`${op}: scale must be a finite number, got ${options.scale}`);
    }
    scale = options.scale;
  }

  const diagonal = options.causalDiagonal ?? null;
  if (diagonal !== null && !Number.isInteger(diagonal)) {
    throw new Error(`${op}: the causal diagonal must be an integer, got ${diagonal}`);
  }

  let mask: MaskLayout | null = null;
  const m = options.mask;
  if (m !== undefined && m !== null) {
    const name = options.maskName ?? 'attnMask';
    if (!(m instanceof Tensor)) throw new TypeError(`${op}: ${name} must be a Tensor`);
    if (m.dtype === 'int32') {
      throw new TypeError(
        `${op}: ${name} must be bool (true = attend) or float32 (added to the scores), got int32`,
      );
    }
    const target = [...batch, L, S];
    const fits =
      m.ndim <= target.length &&
      m.shape.every((d, i) => d === 1 || d === target[target.length - m.ndim + i]);
    if (!fits) {
      throw new Error(
        `${op}: ${name} of shape ${formatShape(m.shape)} does not broadcast to the attention scores ` +
          `${formatShape(target)} ([..., L, S] with L = ${L} queries, S = ${S} keys)`,
      );
    }
    // right-aligned to [...batch, L, S], size 1 where broadcast
    const maskShape = [...new Array<number>(target.length - m.ndim).fill(1), ...m.shape];
    const [mL, mS] = maskShape.slice(-2);
    mask = {
      bias: maskBias(m),
      offsets: batchOffsets(maskShape.slice(0, -2), batch, mL * mS),
      rowStride: mL === 1 ? 0 : mS,
      colStride: mS === 1 ? 0 : 1,
    };
  }

  const layout: AttentionLayout = {
    T: numel(batch),
    L,
    S,
    E,
    Ev,
    qOffsets: batchOffsets(qBatch, batch, L * E),
    kOffsets: batchOffsets(k.shape.slice(0, -2), batch, S * E, kGroups),
    vOffsets: batchOffsets(v.shape.slice(0, -2), batch, S * Ev, vGroups),
    scale,
    mask,
    causal: diagonal !== null,
    diagonal: diagonal ?? 0,
  };
  return { layout, batch };
}
