import type { ConceptDef } from '../types.js';
import mergePair from './exercises/merge-pair/check.js';
import mostFrequentPair from './exercises/most-frequent-pair/check.js';
import trainMerges from './exercises/train-merges/check.js';
import { quiz } from './quiz.js';
import { merges } from './visuals.js';

export const tokenizer: ConceptDef = {
  id: 'tokenizer',
  title: 'Tokenization',
  packageName: '@xf/tokenizer',
  aliases: ['tokenization', 'bpe'],
  exercises: [
    { name: 'most-frequent-pair', check: mostFrequentPair },
    { name: 'merge-pair', check: mergePair },
    { name: 'train-merges', check: trainMerges },
  ],
  quiz,
  visuals: { merges },
};
