import type { ConceptDef } from '../types.js';
import layerNorm from './exercises/layer-norm/check.js';
import residual from './exercises/residual/check.js';
import rmsNorm from './exercises/rms-norm/check.js';
import { quiz } from './quiz.js';
import { stats } from './visuals.js';

export const normResidual: ConceptDef = {
  id: 'norm-residual',
  title: 'Norm and residual',
  packageName: '@xf/norm-residual',
  aliases: ['norm', 'layernorm', 'residual'],
  exercises: [
    { name: 'layer-norm', check: layerNorm },
    { name: 'rms-norm', check: rmsNorm },
    { name: 'residual', check: residual },
  ],
  quiz,
  visuals: { stats },
};
