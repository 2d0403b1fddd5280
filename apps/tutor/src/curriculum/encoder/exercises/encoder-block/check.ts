import { scaledDotProductAttention } from '@xf/attention';
import { TransformerEncoderLayer } from '@xf/encoder';
import { layerNorm } from '@xf/norm-residual';
import {
  add,
  chunk,
  linear,
  logicalNot,
  relu,
  reshape,
  type Tensor,
  tensor,
  transpose,
} from '@xf/tensor';
import { defineCheck } from '../../../../engine/types.js';
import { normal } from '../../../helpers.js';

type Params = Record<string, Tensor>;
type Impl = {
  encoderBlock: (
    x: Tensor,
    p: Params,
    nHead: number,
    normFirst: boolean,
    paddingMask: Tensor | null,
  ) => Tensor;
};
interface Input {
  x: Tensor;
  p: Params;
  nHead: number;
  normFirst: boolean;
  paddingMask: Tensor | null;
}

function block(opts: { swapNorm?: boolean; ignorePadding?: boolean; noFfnResidual?: boolean }) {
  return (
    x: Tensor,
    p: Params,
    nHead: number,
    normFirstIn: boolean,
    paddingMask: Tensor | null,
  ): Tensor => {
    const normFirst = opts.swapNorm ? !normFirstIn : normFirstIn;
    const [B, T, d] = x.shape;
    const heads = (t: Tensor) => transpose(reshape(t, [B, T, nHead, d / nHead]), 1, 2);
    const attend =
      paddingMask && !opts.ignorePadding ? reshape(logicalNot(paddingMask), [B, 1, 1, T]) : null;
    const sa = (h: Tensor) => {
      const [q, k, v] = chunk(
        linear(h, p['self_attn.in_proj_weight'], p['self_attn.in_proj_bias']),
        3,
        -1,
      ).map(heads);
      const o = scaledDotProductAttention(q, k, v, { attnMask: attend });
      return linear(
        reshape(transpose(o, 1, 2), [B, T, d]),
        p['self_attn.out_proj.weight'],
        p['self_attn.out_proj.bias'],
      );
    };
    const ffn = (h: Tensor) =>
      linear(
        relu(linear(h, p['linear1.weight'], p['linear1.bias'])),
        p['linear2.weight'],
        p['linear2.bias'],
      );
    const n1 = (h: Tensor) => layerNorm(h, [d], p['norm1.weight'], p['norm1.bias']);
    const n2 = (h: Tensor) => layerNorm(h, [d], p['norm2.weight'], p['norm2.bias']);
    const res = (h: Tensor, f: Tensor) => (opts.noFfnResidual ? f : add(h, f));
    if (normFirst) {
      const h = add(x, sa(n1(x)));
      return res(h, ffn(n2(h)));
    }
    const h = n1(add(x, sa(x)));
    return n2(res(h, ffn(h)));
  };
}

function make(
  g: Parameters<typeof normal>[0],
  B: number,
  T: number,
  d: number,
  H: number,
  dFF: number,
  normFirst: boolean,
  lengths?: number[],
): Input {
  const s = 1 / Math.sqrt(d);
  const p: Params = {
    'self_attn.in_proj_weight': normal(g, [3 * d, d], s),
    'self_attn.in_proj_bias': normal(g, [3 * d], 0.1),
    'self_attn.out_proj.weight': normal(g, [d, d], s),
    'self_attn.out_proj.bias': normal(g, [d], 0.1),
    'linear1.weight': normal(g, [dFF, d], s),
    'linear1.bias': normal(g, [dFF], 0.1),
    'linear2.weight': normal(g, [d, dFF], 1 / Math.sqrt(dFF)),
    'linear2.bias': normal(g, [d], 0.1),
    'norm1.weight': add(normal(g, [d], 0.1), 1),
    'norm1.bias': normal(g, [d], 0.1),
    'norm2.weight': add(normal(g, [d], 0.1), 1),
    'norm2.bias': normal(g, [d], 0.1),
  };
  const paddingMask = lengths
    ? tensor(
        lengths.flatMap((n) => Array.from({ length: T }, (_, t) => t >= n)),
        [B, T],
      )
    : null;
  return { x: normal(g, [B, T, d]), p, nHead: H, normFirst, paddingMask };
}

export default defineCheck<Impl, Input>({
  title: 'one encoder block (TransformerEncoderLayer)',
  functions: ['encoderBlock'],
  reference:
    'TransformerEncoderLayer(d, nHead, { batchFirst: true, dropout: 0, normFirst }) from @xf/encoder, weights loaded',
  referenceImpl: {
    encoderBlock: (x, p, nHead, normFirst, paddingMask) => {
      const dFF = p['linear1.weight'].shape[0];
      const layer = new TransformerEncoderLayer(x.shape[2], nHead, {
        batchFirst: true,
        dropout: 0,
        dimFeedforward: dFF,
        normFirst,
      });
      layer.loadStateDict(p);
      return layer.forward(x, { srcKeyPaddingMask: paddingMask });
    },
  },
  tolerance: { atol: 1e-4, rtol: 1e-4 },
  seed: 7000,
  cases: [
    { label: 'one token (length 1), post-norm', make: (g) => make(g, 1, 1, 8, 2, 16, false) },
    { label: 'post-norm, 2 heads', make: (g) => make(g, 2, 4, 8, 2, 32, false) },
    { label: 'pre-norm, 4 heads', make: (g) => make(g, 2, 5, 16, 4, 32, true) },
    {
      label: 'padding: the second sequence has 2 real tokens',
      make: (g) => make(g, 2, 4, 8, 2, 16, false, [4, 2]),
    },
  ],
  run: (impl, { x, p, nHead, normFirst, paddingMask }) =>
    impl.encoderBlock(x, p, nHead, normFirst, paddingMask),
  mistakes: [
    {
      id: 'norm-placement-swapped',
      title: 'pre-norm and post-norm swapped',
      explain:
        'normFirst = false is the paper’s post-norm, x = norm1(x + SA(x)); normFirst = true is pre-norm, x = x + SA(norm1(x)).',
      impl: { encoderBlock: block({ swapNorm: true }) },
    },
    {
      id: 'padding-ignored',
      title: 'the padding mask is not applied',
      explain:
        'Padded positions must not be attended to: with the mask ignored, every real token also averages over the padding. ' +
        'Turn paddingMask (true = padding) into an attend mask [B, 1, 1, T] with logicalNot and pass it as attnMask.',
      impl: { encoderBlock: block({ ignorePadding: true }) },
    },
    {
      id: 'no-ffn-residual',
      title: 'the feed-forward residual is missing',
      explain:
        'The feed-forward network is wrapped in a residual connection too: add its input back before (post) or after (pre) the norm.',
      impl: { encoderBlock: block({ noFfnResidual: true }) },
    },
  ],
});
