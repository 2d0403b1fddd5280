import type { ConceptDef } from '../types.js';
import causalMask from './exercises/causal-mask/check.js';
import gptBlock from './exercises/gpt-block/check.js';
import sampling from './exercises/sampling/check.js';
import { quiz } from './quiz.js';
import { mask, temperature } from './visuals.js';

export const decoder: ConceptDef = {
  id: 'decoder',
  title: 'The decoder (GPT)',
  packageName: '@xf/decoder',
  aliases: ['gpt'],
  exercises: [
    { name: 'causal-mask', check: causalMask },
    { name: 'gpt-block', check: gptBlock },
    { name: 'sampling', check: sampling },
  ],
  quiz,
  visuals: { mask, temperature },
};
