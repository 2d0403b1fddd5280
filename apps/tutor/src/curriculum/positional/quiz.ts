import type { QuizQuestion } from '../types.js';

export const quiz: QuizQuestion[] = [
  {
    question: 'Why does a transformer need positional information at all?',
    options: [
      'Attention is too slow without it',
      'Attention treats its inputs as a set: shuffling the tokens shuffles the outputs the same way',
      'Embeddings cannot be learned otherwise',
      'Softmax needs it to be stable',
    ],
    answer: 1,
    explain:
      'Every score is a dot product between two tokens, whatever their places. Without positions, "dog bites man" and "man bites dog" look alike.',
  },
  {
    question: 'In the sinusoidal table, which columns change fastest as the position grows?',
    options: ['The first ones', 'The last ones', 'All at the same speed', 'The odd ones'],
    answer: 0,
    explain:
      'Pair i turns by 1/10000^(2i/d) per position: 1 radian for i = 0, almost nothing for the last pairs.',
  },
  {
    question:
      'With RoPE, the score between a query at position m and a key at position n depends on:',
    options: ['m and n separately', 'only n − m (and the vectors)', 'only m', 'nothing positional'],
    answer: 1,
    explain:
      'Rotations compose: ⟨R(m) q, R(n) k⟩ = ⟨q, R(n − m) k⟩. Only the distance survives, which is what attention should care about.',
  },
];
