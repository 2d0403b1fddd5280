import type { ConceptDef } from '../types.js';
import feedForward from './exercises/feed-forward/check.js';
import gelu from './exercises/gelu/check.js';
import swiglu from './exercises/swiglu/check.js';
import { quiz } from './quiz.js';
import { geluPlot } from './visuals.js';

export const ffn: ConceptDef = {
  id: 'ffn',
  title: 'The feed-forward network',
  packageName: '@xf/ffn',
  aliases: ['feed-forward', 'mlp', 'gelu'],
  exercises: [
    { name: 'gelu', check: gelu },
    { name: 'feed-forward', check: feedForward },
    { name: 'swiglu', check: swiglu },
  ],
  quiz,
  visuals: { gelu: geluPlot },
};
