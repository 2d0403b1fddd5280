/**
 * The peer: the same GPT written with TensorFlow.js ops, so tfjs's own autograd and Adam
 * train it. Same shapes and names as xf's (nanoGPT's layout, weights [out, in]), pre-norm
 * blocks, learned positions, biases everywhere, tied input/output embeddings, exact GELU,
 * GPT-2 initialisation, mean cross-entropy.
 *
 * Where tfjs needs a workaround:
 * - Its wasm backend has no kernel for the gradient of gather (UnsortedSegmentSum), so the
 *   token embedding is a one-hot [N, V] times wte [V, C] (one small matmul; its gradient is a
 *   matmul too). The positions are 0..T-1, so the position embedding is the first T rows of
 *   wpe, sliced, with no gather at all. Both tfjs backends run this same code.
 * - tfjs-core has no GELU op (tfjs-layers' 'gelu' activation is the erf form, 'gelu_new' the
 *   tanh one): we write 0.5 x (1 + erf(x / √2)) with tf.erf, whose gradient tfjs has.
 * - tfjs-wasm's OneHot kernel gets float32 output wrong, so one-hots are made as int32 and cast.
 * - The cross-entropy picks the target's log-probability with a one-hot mask, again to avoid
 *   gather's gradient.
 */
import * as tf from '@tensorflow/tfjs';

export interface PeerConfig {
  vocabSize: number;
  blockSize: number;
  nLayer: number;
  nHead: number;
  nEmbd: number;
}

export class TfGPT {
  readonly config: PeerConfig;
  /** Every parameter, by its nanoGPT name. */
  readonly params = new Map<string, tf.Variable>();
  /** Additive causal mask [T, T]: 0 on and below the diagonal, -1e9 above (softmax gives 0 there). */
  private readonly mask: tf.Tensor2D;
  private seed = 0;

  constructor(config: PeerConfig) {
    this.config = config;
    const { vocabSize: V, blockSize: T, nLayer, nEmbd: C } = config;
    const residualStd = 0.02 / Math.sqrt(2 * nLayer);
    this.normal('transformer.wte.weight', [V, C]);
    this.normal('transformer.wpe.weight', [T, C]);
    for (let i = 0; i < nLayer; i++) {
      const h = `transformer.h.${i}`;
      this.layerNorm(`${h}.ln_1`, C);
      this.linear(`${h}.attn.c_attn`, C, 3 * C);
      this.linear(`${h}.attn.c_proj`, C, C, residualStd);
      this.layerNorm(`${h}.ln_2`, C);
      this.linear(`${h}.mlp.c_fc`, C, 4 * C);
      this.linear(`${h}.mlp.c_proj`, 4 * C, C, residualStd);
    }
    this.layerNorm('transformer.ln_f', C);
    // lm_head.weight is transformer.wte.weight (tied), as in xf's GPT
    const lower = tf.linalg.bandPart(tf.ones([T, T]), -1, 0);
    this.mask = tf.tidy(() => tf.sub(1, lower).mul(-1e9)) as tf.Tensor2D;
    lower.dispose();
  }

  variables(): tf.Variable[] {
    return [...this.params.values()];
  }

  numParameters(): number {
    return this.variables().reduce((n, v) => n + v.size, 0);
  }

  /** Mean cross-entropy of the next-token predictions; x and y are int32 [B, T]. */
  loss(x: tf.Tensor2D, y: tf.Tensor2D): tf.Scalar {
    const [B, T] = x.shape;
    const { vocabSize: V, nLayer, nEmbd: C } = this.config;
    const p = (name: string) => this.params.get(name)!;
    const tok = tf.matMul(oneHot(x, V), p('transformer.wte.weight')); // [N, C]
    const pos = p('transformer.wpe.weight').slice([0, 0], [T, C]); // [T, C]
    let h = tok
      .reshape([B, T, C])
      .add(pos)
      .reshape([B * T, C]) as tf.Tensor2D;
    for (let i = 0; i < nLayer; i++) {
      const name = `transformer.h.${i}`;
      h = h.add(this.attention(name, this.norm(`${name}.ln_1`, h), B, T));
      h = h.add(this.mlp(name, this.norm(`${name}.ln_2`, h)));
    }
    h = this.norm('transformer.ln_f', h);
    const logits = tf.matMul(h, p('transformer.wte.weight'), false, true); // [N, V]
    return tf.neg(tf.mean(tf.sum(tf.mul(oneHot(y, V), tf.logSoftmax(logits)), 1))) as tf.Scalar;
  }

  /** x [N, C] → masked multi-head self-attention → [N, C]. */
  private attention(name: string, x: tf.Tensor2D, B: number, T: number): tf.Tensor2D {
    const { nHead: H, nEmbd: C } = this.config;
    const D = C / H;
    const qkv = this.linearForward(`${name}.attn.c_attn`, x); // [N, 3C]
    const heads = (t: tf.Tensor) => t.reshape([B, T, H, D]).transpose([0, 2, 1, 3]);
    const [q, k, v] = tf.split(qkv, 3, 1).map(heads);
    const scores = tf
      .matMul(q, k, false, true)
      .mul(1 / Math.sqrt(D))
      .add(this.mask);
    const y = tf.matMul(tf.softmax(scores), v); // [B, H, T, D]
    const merged = y.transpose([0, 2, 1, 3]).reshape([B * T, C]) as tf.Tensor2D;
    return this.linearForward(`${name}.attn.c_proj`, merged);
  }

  private mlp(name: string, x: tf.Tensor2D): tf.Tensor2D {
    const hidden = gelu(this.linearForward(`${name}.mlp.c_fc`, x));
    return this.linearForward(`${name}.mlp.c_proj`, hidden);
  }

  /** x Wᵀ + b, W stored [out, in] as PyTorch's. */
  private linearForward(name: string, x: tf.Tensor2D): tf.Tensor2D {
    const w = this.params.get(`${name}.weight`)!;
    const b = this.params.get(`${name}.bias`)!;
    return tf.matMul(x, w, false, true).add(b);
  }

  /** LayerNorm over the last axis: biased variance, ε = 1e-5, as PyTorch's. */
  private norm(name: string, x: tf.Tensor2D): tf.Tensor2D {
    const { mean, variance } = tf.moments(x, -1, true);
    return x
      .sub(mean)
      .mul(tf.rsqrt(variance.add(1e-5)))
      .mul(this.params.get(`${name}.weight`)!)
      .add(this.params.get(`${name}.bias`)!);
  }

  private normal(name: string, shape: number[], std = 0.02): void {
    this.params.set(
      name,
      tf.variable(tf.randomNormal(shape, 0, std, 'float32', this.seed++), true, name),
    );
  }

  private linear(name: string, inFeatures: number, outFeatures: number, std = 0.02): void {
    this.normal(`${name}.weight`, [outFeatures, inFeatures], std);
    this.params.set(`${name}.bias`, tf.variable(tf.zeros([outFeatures]), true, `${name}.bias`));
  }

  private layerNorm(name: string, C: number): void {
    this.params.set(`${name}.weight`, tf.variable(tf.ones([C]), true, `${name}.weight`));
    this.params.set(`${name}.bias`, tf.variable(tf.zeros([C]), true, `${name}.bias`));
  }
}

/**
 * ids [B, T] → float32 [B·T, V]. Made as int32 and cast: tfjs-wasm 4.22's OneHot kernel asked
 * for float32 writes the integer bits 0 and 1 into a float buffer (1 reads as 1.4e-45).
 */
function oneHot(ids: tf.Tensor2D, V: number): tf.Tensor2D {
  return tf.oneHot(ids.reshape([ids.size]), V).cast('float32') as tf.Tensor2D;
}

/** GELU, the exact form: x Φ(x) = 0.5 x (1 + erf(x / √2)). */
export function gelu<T extends tf.Tensor>(x: T): T {
  return x.mul(tf.erf(x.mul(Math.SQRT1_2)).add(1)).mul(0.5);
}
