/**
 * Test helpers. `referenceLayer` is an independent encoder layer: the same math written with
 * the concept packages' functional pieces (linear, attentionReference, layerNorm, relu/gelu
 * from tensor ops), reading only the layer's state dict.
 */
import { attentionReference, combineMasks } from '@xf/attention';
import { layerNorm } from '@xf/norm-residual';
import {
  add,
  chunk,
  erf,
  Generator,
  linear,
  mul,
  type nn,
  randn,
  relu,
  reshape,
  setBackend,
  type Tensor,
  testing,
  transpose,
} from '@xf/tensor';
import type { TransformerEncoderLayer } from '../src/index.js';

/** Float32 tolerance for comparing two computations of the same thing. */
export const TOL = { atol: 1e-4, rtol: 1e-4 };

export function sample(shape: number[], seed: number, requiresGrad = false): Tensor {
  return randn(shape, { generator: new Generator(seed), requiresGrad });
}

export function useJs(): void {
  setBackend('js');
}

/** Every backend that runs here except the js reference. */
export const otherBackends = (): testing.BackendConfig[] =>
  testing.backendConfigs().filter((c) => c.name !== 'js');

/** GELU from its definition, x Φ(x), with tensor ops. */
export const geluComposed = (x: Tensor): Tensor =>
  mul(mul(x, 0.5), add(erf(mul(x, Math.SQRT1_2)), 1));

export interface ReferenceMasks {
  /** [B, 1, 1, T] or [T, T] or [B, H, T, T]: bool, true = may attend (sdpa's convention). */
  attend?: Tensor | null;
}

/**
 * The encoder layer on batch-first src [B, T, d], composed from functional pieces:
 * post-norm x = LN1(x + SA(x)), x = LN2(x + FF(x)); pre-norm x = x + SA(LN1(x)), x = x + FF(LN2(x)).
 * No dropout (compare in eval mode or with dropout 0).
 */
export function referenceLayer(
  layer: TransformerEncoderLayer,
  src: Tensor,
  masks: ReferenceMasks = {},
  activation: (x: Tensor) => Tensor = relu,
): Tensor {
  const sd = layer.stateDict();
  const [B, T, d] = src.shape;
  const H = layer.nhead;
  const D = d / H;
  const eps = layer.layerNormEps;
  const heads = (t: Tensor) => transpose(reshape(t, [B, T, H, D]), 1, 2); // [B, H, T, D]
  const selfAttention = (x: Tensor) => {
    const [q, k, v] = chunk(
      linear(x, sd['self_attn.in_proj_weight'], sd['self_attn.in_proj_bias'] ?? null),
      3,
      -1,
    );
    const [o] = attentionReference(heads(q), heads(k), heads(v), {
      attnMask: combineMasks(masks.attend),
    });
    const merged = reshape(transpose(o, 1, 2), [B, T, d]);
    return linear(merged, sd['self_attn.out_proj.weight'], sd['self_attn.out_proj.bias'] ?? null);
  };
  const feedForward = (x: Tensor) =>
    linear(
      activation(linear(x, sd['linear1.weight'], sd['linear1.bias'] ?? null)),
      sd['linear2.weight'],
      sd['linear2.bias'] ?? null,
    );
  const ln1 = (x: Tensor) => layerNorm(x, [d], sd['norm1.weight'], sd['norm1.bias'] ?? null, eps);
  const ln2 = (x: Tensor) => layerNorm(x, [d], sd['norm2.weight'], sd['norm2.bias'] ?? null, eps);
  let x = src;
  if (layer.normFirst) {
    x = add(x, selfAttention(ln1(x)));
    x = add(x, feedForward(ln2(x)));
  } else {
    x = ln1(add(x, selfAttention(x)));
    x = ln2(add(x, feedForward(x)));
  }
  return x;
}

/**
 * Runs fn with some of module's parameters replaced by other tensors (dotted names as in the
 * state dict), then puts the originals back: lets gradcheck vary a module's weights.
 */
export function withParameters<T>(
  module: nn.Module,
  replacements: Record<string, Tensor>,
  fn: () => T,
): T {
  const saved: [Record<string, unknown>, string, unknown][] = [];
  for (const [name, value] of Object.entries(replacements)) {
    const parts = name.split('.');
    let owner = module as unknown as Record<string, unknown>;
    for (const p of parts.slice(0, -1)) owner = owner[p] as Record<string, unknown>;
    const key = parts[parts.length - 1];
    if (!(owner[key] !== undefined && owner[key] !== null)) throw new Error(`no parameter ${name}`);
    saved.push([owner, key, owner[key]]);
    owner[key] = value;
  }
  try {
    return fn();
  } finally {
    for (const [owner, key, value] of saved.reverse()) owner[key] = value;
  }
}

/** Gradients of every parameter of module after backprop of `loss()`, by name. */
export function parameterGrads(
  module: nn.Module,
  loss: () => Tensor,
): Record<string, Float32Array> {
  module.zeroGrad();
  loss().backward();
  return Object.fromEntries(
    module
      .namedParameters()
      .map(([name, p]) => [name, p.grad ? p.grad.data.slice() : new Float32Array(p.numel())]),
  );
}

/** Σ out · r for a fixed random r: a scalar whose gradient exercises every output element. */
export function project(out: Tensor, seed = 7): Tensor {
  return mul(out, sample([...out.shape], seed)).sum();
}
