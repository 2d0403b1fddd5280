import type { ConceptDef } from '../types.js';
import heads from './exercises/heads/check.js';
import maskedAttention from './exercises/masked-attention/check.js';
import multiHead from './exercises/multi-head/check.js';
import scores from './exercises/scores/check.js';
import softmax from './exercises/softmax/check.js';
import { quiz } from './quiz.js';
import { causalHeatmap, sqrtDk } from './visuals.js';

export const attention: ConceptDef = {
  id: 'attention',
  title: 'Attention',
  packageName: '@xf/attention',
  exercises: [
    { name: 'scores', check: scores },
    { name: 'softmax', check: softmax },
    { name: 'masked-attention', check: maskedAttention },
    { name: 'heads', check: heads },
    { name: 'multi-head', check: multiHead },
  ],
  quiz,
  visuals: { 'sqrt-dk': sqrtDk, heatmap: causalHeatmap },
};
