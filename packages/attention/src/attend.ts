/**
 * The fused attention op behind scaledDotProductAttention and MultiHeadAttention:
 * scores, mask, softmax, dropout and the weighted sum in one kernel call forward and one
 * backward, joined to autograd with recordOp. It returns the output and the weights.
 */
import { allocateZeroed, defaultGenerator, recordOp, Tensor } from '@xf/tensor';
import { attentionBackward, attentionForward, type SavedForward } from './kernels/index.js';
import { planAttention } from './plan.js';

export interface AttendOptions {
  /** Names the caller in error messages. */
  op?: string;
  /** bool: true = may attend; float: added to the scores. Broadcasts to [...batch, L, S]. */
  mask?: Tensor | null;
  maskName?: string;
  /** Causal masking: query i sees keys j <= i + diagonal; null or undefined for none. */
  causalDiagonal?: number | null;
  /** Multiplies q·k (default 1/√E). */
  scale?: number | null;
  /** Dropout probability on the attention weights (applied whenever > 0). */
  dropoutP?: number;
  /** Key/value heads (dim -3) shared by groups of query heads. */
  enableGqa?: boolean;
}

/**
 * Inverted dropout's mask: 0 with probability p, else 1/(1-p). It draws from the default
 * generator in the same order as @xf/tensor's dropout, so a seeded run gives the same mask.
 */
function dropoutMask(n: number, p: number): Float32Array {
  const keep = p === 1 ? 0 : 1 / (1 - p);
  const mask = new Float32Array(n);
  for (let i = 0; i < n; i++) mask[i] = defaultGenerator.uniform() < p ? 0 : keep;
  return mask;
}

/** Sums per-batch-entry gradients back into an operand that was broadcast or shared. */
function sumIntoOperand(
  perEntry: Float32Array,
  offsets: number[],
  size: number,
  total: number,
): Float32Array {
  const identity = perEntry.length === total && offsets.every((o, t) => o === t * size);
  if (identity) return perEntry;
  const out = allocateZeroed(total);
  offsets.forEach((o, t) => {
    for (let x = 0; x < size; x++) out[o + x] += perEntry[t * size + x];
  });
  return out;
}

export function attend(
  q: Tensor,
  k: Tensor,
  v: Tensor,
  options: AttendOptions = {},
): [Tensor, Tensor] {
  const op = options.op ?? 'attention';
  const dropoutP = options.dropoutP ?? 0;
  if (typeof dropoutP !== 'number' || !(dropoutP >= 0 && dropoutP <= 1)) {
    throw new Error(`${op}: dropoutP must be a probability between 0 and 1, got ${dropoutP}`);
  }
  const mask = options.mask ?? null;
  const { layout, batch } = planAttention(q, k, v, {
    op,
    mask,
    maskName: options.maskName,
    causalDiagonal: options.causalDiagonal,
    scale: options.scale,
    enableGqa: options.enableGqa,
  });
  const { T, L, S, E, Ev } = layout;
  const drop = dropoutP > 0 ? dropoutMask(T * L * S, dropoutP) : null;
  // the arrays as they are now: backward must see the inputs forward saw
  const [qData, kData, vData] = [q.data, k.data, v.data];
  const result = attentionForward(qData, kData, vData, layout, drop);
  const saved: SavedForward = { ...result, drop };
  const output = new Tensor(result.out, [...batch, L, Ev]);
  const weights = new Tensor(result.weights, [...batch, L, S]);

  // a float mask that requires grad (a learned bias) gets dL/dmask = dL/dscores, summed where broadcast
  const gradMask = mask?.requiresGrad ? mask : null;
  const inputs = gradMask ? [q, k, v, gradMask] : [q, k, v];
  const backward = (dOut: Float32Array | null, dWeights: Float32Array | null) => {
    const g = attentionBackward(qData, kData, vData, layout, saved, dOut, dWeights);
    const grads: (Tensor | null)[] = [
      q.requiresGrad
        ? new Tensor(sumIntoOperand(g.dq, layout.qOffsets, L * E, q.numel()), q.shape)
        : null,
      k.requiresGrad
        ? new Tensor(sumIntoOperand(g.dk, layout.kOffsets, S * E, k.numel()), k.shape)
        : null,
      v.requiresGrad && g.dv
        ? new Tensor(sumIntoOperand(g.dv, layout.vOffsets, S * Ev, v.numel()), v.shape)
        : null,
    ];
    if (gradMask && layout.mask) {
      const m = layout.mask;
      const dMask = new Float32Array(gradMask.numel());
      for (let t = 0; t < T; t++) {
        for (let i = 0; i < L; i++) {
          for (let j = 0; j < S; j++) {
            dMask[m.offsets[t] + i * m.rowStride + j * m.colStride] +=
              g.dScores[(t * L + i) * S + j];
          }
        }
      }
      grads.push(new Tensor(dMask, gradMask.shape));
    }
    return grads;
  };
  recordOp(op, output, inputs, (g) => backward(g.data, null));
  recordOp(`${op} (weights)`, weights, inputs, (g) => backward(null, g.data));
  return [output, weights];
}
