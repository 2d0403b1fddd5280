import type { ConceptDef } from '../types.js';
import adamwStep from './exercises/adamw-step/check.js';
import crossEntropy from './exercises/cross-entropy/check.js';
import warmupCosine from './exercises/warmup-cosine/check.js';
import { quiz } from './quiz.js';
import { schedule } from './visuals.js';

export const trainer: ConceptDef = {
  id: 'trainer',
  title: 'Training',
  packageName: '@xf/trainer',
  aliases: ['training', 'optimizer', 'adamw'],
  exercises: [
    { name: 'cross-entropy', check: crossEntropy },
    { name: 'adamw-step', check: adamwStep },
    { name: 'warmup-cosine', check: warmupCosine },
  ],
  quiz,
  visuals: { schedule },
};
