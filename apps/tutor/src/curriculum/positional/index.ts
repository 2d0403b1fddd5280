import type { ConceptDef } from '../types.js';
import applyRope from './exercises/apply-rope/check.js';
import ropeAngles from './exercises/rope-angles/check.js';
import sinusoidalTable from './exercises/sinusoidal-table/check.js';
import { quiz } from './quiz.js';
import { table } from './visuals.js';

export const positional: ConceptDef = {
  id: 'positional',
  title: 'Positional encoding',
  packageName: '@xf/positional',
  aliases: ['position', 'rope'],
  exercises: [
    { name: 'sinusoidal-table', check: sinusoidalTable },
    { name: 'rope-angles', check: ropeAngles },
    { name: 'apply-rope', check: applyRope },
  ],
  quiz,
  visuals: { table },
};
