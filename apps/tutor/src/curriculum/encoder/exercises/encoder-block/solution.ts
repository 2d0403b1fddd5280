import { scaledDotProductAttention } from '@xf/attention';
import { layerNorm } from '@xf/norm-residual';
import { add, chunk, linear, logicalNot, relu, reshape, type Tensor, transpose } from '@xf/tensor';

export interface EncoderBlockParams {
  'self_attn.in_proj_weight': Tensor; // [3d, d]
  'self_attn.in_proj_bias': Tensor; // [3d]
  'self_attn.out_proj.weight': Tensor; // [d, d]
  'self_attn.out_proj.bias': Tensor; // [d]
  'linear1.weight': Tensor; // [dFF, d]
  'linear1.bias': Tensor; // [dFF]
  'linear2.weight': Tensor; // [d, dFF]
  'linear2.bias': Tensor; // [d]
  'norm1.weight': Tensor; // [d]
  'norm1.bias': Tensor;
  'norm2.weight': Tensor;
  'norm2.bias': Tensor;
}

export function encoderBlock(
  x: Tensor,
  p: EncoderBlockParams,
  nHead: number,
  normFirst: boolean,
  paddingMask: Tensor | null,
): Tensor {
  const [B, T, d] = x.shape;
  const heads = (t: Tensor) => transpose(reshape(t, [B, T, nHead, d / nHead]), 1, 2);
  // an attend mask [B, 1, 1, T]: true where the key is a real token
  const attend = paddingMask ? reshape(logicalNot(paddingMask), [B, 1, 1, T]) : null;
  const selfAttention = (h: Tensor) => {
    const [q, k, v] = chunk(
      linear(h, p['self_attn.in_proj_weight'], p['self_attn.in_proj_bias']),
      3,
      -1,
    ).map(heads);
    const o = scaledDotProductAttention(q, k, v, { attnMask: attend });
    const merged = reshape(transpose(o, 1, 2), [B, T, d]);
    return linear(merged, p['self_attn.out_proj.weight'], p['self_attn.out_proj.bias']);
  };
  const ffn = (h: Tensor) =>
    linear(
      relu(linear(h, p['linear1.weight'], p['linear1.bias'])),
      p['linear2.weight'],
      p['linear2.bias'],
    );
  const norm1 = (h: Tensor) => layerNorm(h, [d], p['norm1.weight'], p['norm1.bias']);
  const norm2 = (h: Tensor) => layerNorm(h, [d], p['norm2.weight'], p['norm2.bias']);
  if (normFirst) {
    const h = add(x, selfAttention(norm1(x)));
    return add(h, ffn(norm2(h)));
  }
  const h = norm1(add(x, selfAttention(x)));
  return norm2(add(h, ffn(h)));
}
