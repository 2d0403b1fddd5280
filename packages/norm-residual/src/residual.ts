/**
 * The residual connection around each transformer sublayer ("Add & Norm"). The input skips
 * past the sublayer and is added back, so every block only learns a correction to its
 * input, and the sum is normalised either after the addition (post-norm, the original
 * paper) or on the way into the sublayer (pre-norm, GPT-2 and later, which trains more
 * stably in deep stacks and leaves the skip path untouched).
 */
import { check, dropout, formatShape, nn, type Tensor } from '@xf/tensor';
import { LayerNorm } from './layer-norm.js';
import { RMSNorm } from './rms-norm.js';

/** Where the norm sits: 'post' = norm(x + dropout(sublayer(x))), 'pre' = x + dropout(sublayer(norm(x))). */
export type NormPlacement = 'pre' | 'post';
export type NormType = 'layer' | 'rms';

export interface ResidualFnOptions {
  norm: NormPlacement;
  /** Dropout probability on the sublayer's output (default 0). */
  dropout?: number;
  /** Dropout is active only in training (default true). */
  training?: boolean;
}

function checkPlacement(op: string, norm: unknown): NormPlacement {
  if (norm !== 'pre' && norm !== 'post') {
    throw new Error(`${op}: norm must be 'pre' or 'post', got ${JSON.stringify(norm)}`);
  }
  return norm;
}

function checkSameShape(op: string, x: Tensor, out: unknown): Tensor {
  check.tensor(op, 'the sublayer output', out);
  const y = out as Tensor;
  if (y.ndim !== x.ndim || y.shape.some((d, i) => d !== x.shape[i])) {
    throw new Error(
      `${op}: sublayer output has shape ${formatShape(y.shape)} but its input has shape ${formatShape(x.shape)}; ` +
        'a residual connection adds them, so they must match',
    );
  }
  return y;
}

/**
 * The residual connection as a function, for blocks that own their sublayer and norm
 * under names of their own (nanoGPT's `ln_1`, `attn`, ...): post-norm gives
 * normalize(x + dropout(sublayer(x))), pre-norm x + dropout(sublayer(normalize(x))).
 */
export function residual(
  x: Tensor,
  sublayer: (h: Tensor) => Tensor,
  normalize: (h: Tensor) => Tensor,
  options: ResidualFnOptions,
): Tensor {
  const op = 'residual';
  check.tensor(op, 'input', x);
  const placement = checkPlacement(op, options?.norm);
  const p = check.probability(op, 'dropout', options.dropout ?? 0);
  const training = options.training ?? true;
  const branch = (h: Tensor) => dropout(checkSameShape(op, x, sublayer(h)), p, training);
  return placement === 'pre' ? x.add(branch(normalize(x))) : normalize(x.add(branch(x)));
}

export type SublayerFn = (x: Tensor, ...args: never[]) => Tensor;

export interface ResidualOptions {
  /** Size of the last dim, normalised by the norm. */
  dModel: number;
  /** 'post' (default, the paper and torch.nn.TransformerEncoderLayer's norm_first=false) or 'pre'. */
  norm?: NormPlacement;
  /** 'layer' (default): LayerNorm; 'rms': RMSNorm. */
  normType?: NormType;
  /** Dropout on the sublayer output (default 0.1, as torch.nn.TransformerEncoderLayer). */
  dropout?: number;
  /** The norm's eps (default: LayerNorm's 1e-5, RMSNorm's float32 epsilon). */
  eps?: number;
  /** LayerNorm bias (default true); RMSNorm has none. */
  bias?: boolean;
}

/**
 * "Add & Norm" around a sublayer, as a module. The sublayer is a Module (then owned here,
 * under `sublayer`) or a function (then owned by whoever wrote it, e.g. a block calling its
 * own attention with a mask). Extra forward arguments go to the sublayer:
 * `res.forward(x, mask)` calls `sublayer(h, mask)`.
 *
 * State dict: `norm.weight` [dModel] and `norm.bias` [dModel] (no `norm.bias` for RMSNorm
 * or bias: false), plus `sublayer.<its own keys>` when the sublayer is a Module.
 * Dropout has no state.
 */
export class Residual extends nn.Module {
  readonly dModel: number;
  /** true for pre-norm, as torch's norm_first. */
  readonly normFirst: boolean;
  readonly normType: NormType;
  sublayer: nn.Module | null;
  norm: LayerNorm | RMSNorm;
  dropout: nn.Dropout;
  readonly #call: (h: Tensor, args: unknown[]) => unknown;

  constructor(sublayer: nn.Module | SublayerFn, options: ResidualOptions) {
    super();
    const op = 'Residual';
    if (!(sublayer instanceof nn.Module) && typeof sublayer !== 'function') {
      throw new TypeError(
        `${op}: sublayer must be an nn.Module or a function, got ${sublayer === null ? 'null' : typeof sublayer}`,
      );
    }
    this.dModel = check.positiveInt(op, 'dModel', options?.dModel);
    this.normFirst = checkPlacement(op, options.norm ?? 'post') === 'pre';
    const normType = options.normType ?? 'layer';
    if (normType !== 'layer' && normType !== 'rms') {
      throw new Error(`${op}: normType must be 'layer' or 'rms', got ${JSON.stringify(normType)}`);
    }
    this.normType = normType;
    if (sublayer instanceof nn.Module) {
      this.sublayer = sublayer;
      this.#call = (h, args) => sublayer.forward(h, ...args);
    } else {
      this.sublayer = null;
      this.#call = (h, args) => (sublayer as (h: Tensor, ...rest: unknown[]) => Tensor)(h, ...args);
    }
    this.norm =
      normType === 'layer'
        ? new LayerNorm(this.dModel, { eps: options.eps ?? 1e-5, bias: options.bias ?? true })
        : new RMSNorm(this.dModel, { eps: options.eps ?? null });
    this.dropout = new nn.Dropout(check.probability(op, 'dropout', options.dropout ?? 0.1));
  }

  /** [..., dModel] → [..., dModel]; `args` are passed on to the sublayer after its input. */
  override forward(x: Tensor, ...args: unknown[]): Tensor {
    const op = 'Residual';
    check.tensor(op, 'input', x);
    if (x.ndim === 0 || x.shape[x.ndim - 1] !== this.dModel) {
      throw new Error(
        `${op}: input of shape ${formatShape(x.shape)} does not end in dModel = ${this.dModel}`,
      );
    }
    const branch = (h: Tensor) => this.dropout.forward(checkSameShape(op, x, this.#call(h, args)));
    return this.normFirst
      ? x.add(branch(this.norm.forward(x)))
      : this.norm.forward(x.add(branch(x)));
  }
}
