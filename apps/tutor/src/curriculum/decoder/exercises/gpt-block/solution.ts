import { scaledDotProductAttention } from '@xf/attention';
import { gelu } from '@xf/ffn';
import { layerNorm } from '@xf/norm-residual';
import { add, chunk, linear, reshape, type Tensor, transpose } from '@xf/tensor';

export interface BlockParams {
  'ln_1.weight': Tensor;
  'ln_1.bias': Tensor;
  'attn.c_attn.weight': Tensor; // [3C, C]
  'attn.c_attn.bias': Tensor; // [3C]
  'attn.c_proj.weight': Tensor; // [C, C]
  'attn.c_proj.bias': Tensor;
  'ln_2.weight': Tensor;
  'ln_2.bias': Tensor;
  'mlp.c_fc.weight': Tensor; // [4C, C]
  'mlp.c_fc.bias': Tensor;
  'mlp.c_proj.weight': Tensor; // [C, 4C]
  'mlp.c_proj.bias': Tensor;
}

export function gptBlock(x: Tensor, p: BlockParams, nHead: number): Tensor {
  const [B, T, C] = x.shape;
  const heads = (t: Tensor) => transpose(reshape(t, [B, T, nHead, C / nHead]), 1, 2);
  const attn = (h: Tensor) => {
    const [q, k, v] = chunk(linear(h, p['attn.c_attn.weight'], p['attn.c_attn.bias']), 3, -1).map(
      heads,
    );
    const y = scaledDotProductAttention(q, k, v, { isCausal: true });
    return linear(
      reshape(transpose(y, 1, 2), [B, T, C]),
      p['attn.c_proj.weight'],
      p['attn.c_proj.bias'],
    );
  };
  const mlp = (h: Tensor) =>
    linear(
      gelu(linear(h, p['mlp.c_fc.weight'], p['mlp.c_fc.bias'])),
      p['mlp.c_proj.weight'],
      p['mlp.c_proj.bias'],
    );
  const h = add(x, attn(layerNorm(x, [C], p['ln_1.weight'], p['ln_1.bias'])));
  return add(h, mlp(layerNorm(h, [C], p['ln_2.weight'], p['ln_2.bias'])));
}
