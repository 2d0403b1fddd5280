import { scaledDotProductAttention } from '@xf/attention';
import { Block, resolveGPTConfig } from '@xf/decoder';
import { gelu } from '@xf/ffn';
import { layerNorm } from '@xf/norm-residual';
import { add, chunk, linear, relu, reshape, type Tensor, transpose } from '@xf/tensor';
import { defineCheck } from '../../../../engine/types.js';
import { between, normal } from '../../../helpers.js';

type Params = Record<string, Tensor>;
type Impl = { gptBlock: (x: Tensor, p: Params, nHead: number) => Tensor };
interface Input {
  x: Tensor;
  p: Params;
  nHead: number;
}

function block(opts: { post?: boolean; causal?: boolean; act?: 'gelu' | 'tanh' | 'relu' }) {
  return (x: Tensor, p: Params, nHead: number): Tensor => {
    const [B, T, C] = x.shape;
    const heads = (t: Tensor) => transpose(reshape(t, [B, T, nHead, C / nHead]), 1, 2);
    const attn = (h: Tensor) => {
      const [q, k, v] = chunk(linear(h, p['attn.c_attn.weight'], p['attn.c_attn.bias']), 3, -1).map(
        heads,
      );
      const y = scaledDotProductAttention(q, k, v, { isCausal: opts.causal ?? true });
      return linear(
        reshape(transpose(y, 1, 2), [B, T, C]),
        p['attn.c_proj.weight'],
        p['attn.c_proj.bias'],
      );
    };
    const act = {
      gelu: (t: Tensor) => gelu(t),
      tanh: (t: Tensor) => gelu(t, { approximate: 'tanh' }),
      relu,
    }[opts.act ?? 'gelu'];
    const mlp = (h: Tensor) =>
      linear(
        act(linear(h, p['mlp.c_fc.weight'], p['mlp.c_fc.bias'])),
        p['mlp.c_proj.weight'],
        p['mlp.c_proj.bias'],
      );
    const ln1 = (h: Tensor) => layerNorm(h, [C], p['ln_1.weight'], p['ln_1.bias']);
    const ln2 = (h: Tensor) => layerNorm(h, [C], p['ln_2.weight'], p['ln_2.bias']);
    if (opts.post) {
      const h = ln1(add(x, attn(x)));
      return ln2(add(h, mlp(h)));
    }
    const h = add(x, attn(ln1(x)));
    return add(h, mlp(ln2(h)));
  };
}

function make(g: Parameters<typeof normal>[0], B: number, T: number, H: number, D: number): Input {
  const C = H * D;
  const s = 1 / Math.sqrt(C);
  const p: Params = {
    'ln_1.weight': add(normal(g, [C], 0.1), 1),
    'ln_1.bias': normal(g, [C], 0.1),
    'attn.c_attn.weight': normal(g, [3 * C, C], s),
    'attn.c_attn.bias': normal(g, [3 * C], 0.1),
    'attn.c_proj.weight': normal(g, [C, C], s),
    'attn.c_proj.bias': normal(g, [C], 0.1),
    'ln_2.weight': add(normal(g, [C], 0.1), 1),
    'ln_2.bias': normal(g, [C], 0.1),
    'mlp.c_fc.weight': normal(g, [4 * C, C], s),
    'mlp.c_fc.bias': normal(g, [4 * C], 0.5),
    'mlp.c_proj.weight': normal(g, [C, 4 * C], 1 / Math.sqrt(4 * C)),
    'mlp.c_proj.bias': normal(g, [C], 0.1),
  };
  return { x: normal(g, [B, T, C]), p, nHead: H };
}

export default defineCheck<Impl, Input>({
  title: 'a GPT block (nanoGPT’s Block)',
  functions: ['gptBlock'],
  reference:
    'Block(resolveGPTConfig({ nEmbd, nHead, dropout: 0 })) from @xf/decoder, weights loaded',
  referenceImpl: {
    gptBlock: (x, p, nHead) => {
      const b = new Block(
        resolveGPTConfig({
          nEmbd: x.shape[2],
          nHead,
          blockSize: 64,
          vocabSize: 16,
          nLayer: 1,
          dropout: 0,
        }),
      );
      b.loadStateDict(p);
      return b.forward(x);
    },
  },
  tolerance: { atol: 1e-4, rtol: 1e-4 },
  seed: 8100,
  cases: [
    { label: 'one token (length 1)', make: (g) => make(g, 1, 1, 2, 4) },
    { label: 'B 2, T 5, 2 heads of 4', make: (g) => make(g, 2, 5, 2, 4) },
    {
      label: 'random sizes',
      make: (g) => make(g, between(g, 1, 3), between(g, 2, 7), between(g, 1, 4), between(g, 2, 6)),
    },
  ],
  run: (impl, { x, p, nHead }) => impl.gptBlock(x, p, nHead),
  mistakes: [
    {
      id: 'post-norm',
      title: 'post-norm instead of pre-norm',
      explain:
        'GPT-2 normalises the sublayer’s input: x + attn(ln_1(x)). norm(x + attn(x)) is the 2017 paper’s post-norm.',
      impl: { gptBlock: block({ post: true }) },
    },
    {
      id: 'not-causal',
      title: 'attention is not causal',
      explain:
        'A decoder must not look ahead: token t may attend to tokens 0 … t only. Pass isCausal: true (or the causal mask).',
      impl: { gptBlock: block({ causal: false }) },
    },
    {
      id: 'tanh-gelu',
      title: 'the tanh approximation of GELU',
      explain:
        'xf’s GPT uses the exact GELU (nanoGPT’s nn.GELU()), not GPT-2’s original tanh approximation.',
      impl: { gptBlock: block({ act: 'tanh' }) },
    },
    {
      id: 'relu-mlp',
      title: 'relu in the MLP',
      explain: 'The MLP of a GPT block uses GELU between c_fc and c_proj.',
      impl: { gptBlock: block({ act: 'relu' }) },
    },
  ],
});
