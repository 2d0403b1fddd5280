/**
 * The encoder's parameter count by component: token embedding, positions, each layer's
 * attention, feed-forward network and norms, the final norm and the classifier head.
 */
import type { nn } from '@xf/tensor';
import { EncoderClassifier } from './classifier.js';
import { TransformerEncoder } from './encoder.js';
import {
  type ParameterBreakdown,
  type ParameterClassifier,
  parameterBreakdown,
} from './parameter-breakdown.js';

const PARTS: Record<string, string> = {
  self_attn: 'attention',
  linear1: 'ffn',
  linear2: 'ffn',
  norm1: 'norms',
  norm2: 'norms',
};

/** A layer's parameter (self_attn.in_proj_weight, ...) → its part of the layer. */
function layerPart(rest: string[]): string {
  return PARTS[rest[0]] ?? rest[0];
}

/** Group paths for the names of an EncoderClassifier, a TransformerEncoder or one layer. */
export const classifyEncoderParameter: ParameterClassifier = (name) => {
  let parts = name.split('.');
  if (parts[0] === 'embedding') return ['token embedding'];
  if (parts[0] === 'positional') return ['positional'];
  if (parts[0] === 'head') return ['classifier head'];
  if (parts[0] === 'encoder') parts = parts.slice(1);
  if (parts[0] === 'layers') return [`layers.${parts[1]}`, layerPart(parts.slice(2))];
  if (parts[0] === 'norm') return ['final norm'];
  return [layerPart(parts)];
};

/** The groups an encoder model always shows, in order, even those with no parameters. */
function expectedGroups(model: nn.Module): string[][] {
  const stack = (encoder: TransformerEncoder) => [
    ...Array.from({ length: encoder.numLayers }, (_, i) => [
      [`layers.${i}`, 'attention'],
      [`layers.${i}`, 'ffn'],
      [`layers.${i}`, 'norms'],
    ]).flat(),
    ...(encoder.norm ? [['final norm']] : []),
  ];
  if (model instanceof EncoderClassifier) {
    return [['token embedding'], ['positional'], ...stack(model.encoder), ['classifier head']];
  }
  if (model instanceof TransformerEncoder) return stack(model);
  return [['attention'], ['ffn'], ['norms']];
}

/**
 * Parameter counts of an EncoderClassifier (or a TransformerEncoder, or a layer) by
 * component, with the total; format with formatParameterBreakdown.
 */
export function encoderParameterBreakdown(model: nn.Module): ParameterBreakdown {
  return parameterBreakdown(model, classifyEncoderParameter, { groups: expectedGroups(model) });
}
