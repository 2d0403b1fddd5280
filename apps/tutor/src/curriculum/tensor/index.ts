import type { ConceptDef } from '../types.js';
import linearBackward from './exercises/linear-backward/check.js';
import mlpBackward from './exercises/mlp-backward/check.js';
import tanhOp from './exercises/tanh-op/check.js';
import { quiz } from './quiz.js';
import { graph } from './visuals.js';

export const tensor: ConceptDef = {
  id: 'tensor',
  title: 'Tensors and autograd',
  packageName: '@xf/tensor',
  aliases: ['tensors', 'autograd'],
  exercises: [
    { name: 'linear-backward', check: linearBackward },
    { name: 'tanh-op', check: tanhOp },
    { name: 'mlp-backward', check: mlpBackward },
  ],
  quiz,
  visuals: { graph },
};
