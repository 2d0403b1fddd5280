/**
 * encoder · 1 · one encoder block
 *
 * torch.nn.TransformerEncoderLayer with batchFirst: self-attention, then the feed-forward
 * network, each inside a residual connection with a LayerNorm. The original (post-norm):
 *
 *   x = norm1(x + selfAttention(x))
 *   x = norm2(x + linear2(relu(linear1(x))))
 *
 * and with normFirst (pre-norm): x = x + selfAttention(norm1(x)); x = x + ffn(norm2(x)).
 * A padding mask [B, T] (true = padding) hides padded *keys*: no query may attend to them.
 *
 *   x  [B, T, d]    p  the parameters, by their PyTorch state-dict names (see below)
 *   →  [B, T, d]
 *
 * You may use what you built before (or the packages): MultiHeadAttention, scaledDotProductAttention
 * and paddingMask helpers from '@xf/attention', layerNorm from '@xf/norm-residual', linear and relu
 * from '@xf/tensor'.
 */
import type { Tensor } from '@xf/tensor';

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
  throw new Error('TODO: attention and feed-forward, each with a residual and a LayerNorm');
}
