/**
 * norm-residual · 3 · pre-norm and post-norm residual blocks
 *
 * A residual connection carries x past a sublayer and adds it back. Where the norm sits is
 * the difference between the original transformer and GPT-2:
 *
 *   post-norm (2017)    y = norm(x + sublayer(x))
 *   pre-norm  (GPT-2)   y = x + sublayer(norm(x))
 *
 *   x  [..., d]    sublayer, norm  functions [..., d] → [..., d]
 *   →  [..., d]
 *
 * Useful from '@xf/tensor': add (or x.add).
 */
import type { Tensor } from '@xf/tensor';

type Fn = (x: Tensor) => Tensor;

export function postNorm(x: Tensor, sublayer: Fn, norm: Fn): Tensor {
  throw new Error('TODO: norm(x + sublayer(x))');
}

export function preNorm(x: Tensor, sublayer: Fn, norm: Fn): Tensor {
  throw new Error('TODO: x + sublayer(norm(x))');
}
