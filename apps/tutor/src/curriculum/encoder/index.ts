import type { ConceptDef } from '../types.js';
import classifierHead from './exercises/classifier-head/check.js';
import encoderBlock from './exercises/encoder-block/check.js';
import shapeTrace from './exercises/shape-trace/check.js';
import { quiz } from './quiz.js';
import { trace } from './visuals.js';

export const encoder: ConceptDef = {
  id: 'encoder',
  title: 'The encoder',
  packageName: '@xf/encoder',
  aliases: ['bert', 'classifier'],
  exercises: [
    { name: 'encoder-block', check: encoderBlock },
    { name: 'classifier-head', check: classifierHead },
    { name: 'shape-trace', check: shapeTrace },
  ],
  quiz,
  visuals: { trace },
};
