/**
 * Where a GPT's parameters are, by component, computed from the config alone (so even GPT-2
 * small's 124M can be counted without allocating them). The result has the shape of
 * @xf/encoder's breakdowns, so the same table formatting serves both.
 */
import { type ParameterBreakdown, type ParameterGroup, parameterBreakdown } from '@xf/encoder';
import { type GPTConfig, resolveGPTConfig } from './config.js';
import type { Seq2SeqTransformer } from './seq2seq.js';

const linear = (inF: number, outF: number, bias: boolean) => inF * outF + (bias ? outF : 0);
const layerNorm = (n: number, bias: boolean) => n + (bias ? n : 0);

function group(
  name: string,
  count: number,
  note: string,
  parameters: string[],
  children: ParameterGroup[] = [],
): ParameterGroup {
  return { name, count, note, parameters, children };
}

/** One block's parameters, by sublayer (names relative to the block). */
export function blockParameterGroups(config: GPTConfig): ParameterGroup[] {
  const { nEmbd: C, bias } = config;
  const names = (prefix: string) =>
    bias ? [`${prefix}.weight`, `${prefix}.bias`] : [`${prefix}.weight`];
  return [
    group('ln_1', layerNorm(C, bias), 'LayerNorm before attention', names('ln_1')),
    group(
      'attn.c_attn',
      linear(C, 3 * C, bias),
      'q, k, v projections [3C, C]',
      names('attn.c_attn'),
    ),
    group('attn.c_proj', linear(C, C, bias), 'output projection W_O [C, C]', names('attn.c_proj')),
    group('ln_2', layerNorm(C, bias), 'LayerNorm before the MLP', names('ln_2')),
    group('mlp.c_fc', linear(C, 4 * C, bias), 'widen [4C, C]', names('mlp.c_fc')),
    group('mlp.c_proj', linear(4 * C, C, bias), 'narrow [C, 4C]', names('mlp.c_proj')),
  ];
}

/** Parameters of a GPT with this config, shared weights counted once. */
export function gptParameterBreakdown(partial: Partial<GPTConfig> = {}): ParameterBreakdown {
  const c = resolveGPTConfig(partial, 'gptParameterBreakdown');
  const block = blockParameterGroups(c);
  const perBlock = block.reduce((n, g) => n + g.count, 0);
  const blockNames = Array.from({ length: c.nLayer }, (_, i) =>
    block.flatMap((g) => g.parameters.map((p) => `transformer.h.${i}.${p}`)),
  ).flat();
  const groups: ParameterGroup[] = [
    group(
      'transformer.wte',
      c.vocabSize * c.nEmbd,
      `token embedding [${c.vocabSize}, ${c.nEmbd}]`,
      ['transformer.wte.weight'],
    ),
    c.positional === 'learned'
      ? group(
          'transformer.wpe',
          c.blockSize * c.nEmbd,
          `position embedding [${c.blockSize}, ${c.nEmbd}]`,
          ['transformer.wpe.weight'],
        )
      : group('rotary positions', 0, 'RoPE has no parameters', []),
    group('transformer.h', perBlock * c.nLayer, `${c.nLayer} blocks, each:`, blockNames, block),
    group(
      'transformer.ln_f',
      layerNorm(c.nEmbd, c.bias),
      'final LayerNorm',
      c.bias ? ['transformer.ln_f.weight', 'transformer.ln_f.bias'] : ['transformer.ln_f.weight'],
    ),
    c.tieWeights
      ? group('lm_head', 0, 'shares transformer.wte.weight', [])
      : group('lm_head', c.nEmbd * c.vocabSize, `output head [${c.vocabSize}, ${c.nEmbd}]`, [
          'lm_head.weight',
        ]),
  ];
  return { groups, total: groups.reduce((n, g) => n + g.count, 0) };
}

/** Parameters of an encoder-decoder model by component: embeddings, encoder and decoder layers, head. */
export function seq2seqParameterBreakdown(model: Seq2SeqTransformer): ParameterBreakdown {
  return parameterBreakdown(model, (name) => {
    const parts = name.split('.');
    if (parts[0] !== 'transformer') return [parts[0]];
    const stack = parts[1]; // encoder | decoder
    if (parts[2] === 'norm') return [stack, 'final norm'];
    const sublayer = parts[4].startsWith('norm')
      ? 'norms'
      : parts[4].startsWith('linear')
        ? 'ffn'
        : parts[4];
    return [stack, `layers.${parts[3]}`, sublayer];
  });
}
