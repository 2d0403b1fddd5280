import type { QuizQuestion } from '../types.js';

export const quiz: QuizQuestion[] = [
  {
    question: 'Why are attention scores divided by √d_k?',
    options: [
      'To make the weights sum to 1',
      'So the spread of the scores does not grow with the head width',
      'To make attention cheaper to compute',
      'Because the keys are not normalised',
    ],
    answer: 1,
    explain:
      'A dot product of two random d_k-wide vectors has a standard deviation of about √d_k. Dividing by √d_k ' +
      'keeps the scores at a similar scale for any width, so softmax does not saturate. The softmax already makes the weights sum to 1.',
  },
  {
    question: 'Where is a mask applied, and with what value?',
    options: [
      'To the weights after the softmax, with 0',
      'To the scores before the softmax, with −∞',
      'To the values, with 0',
      'To the scores before the softmax, with 0',
    ],
    answer: 1,
    explain:
      'A −∞ score gets weight exp(−∞) = 0 and the softmax spreads all the weight over the visible keys. Zeroing ' +
      'weights afterwards leaves rows that no longer sum to 1; a score of 0 still gets weight exp(0).',
  },
  {
    question: 'q is [B, H, L, D] and k is [B, H, S, D]. What shape are the weights?',
    options: ['[B, H, L, D]', '[B, H, S, S]', '[B, H, L, S]', '[B, L, S]'],
    answer: 2,
    explain:
      'One weight per (query, key) pair, per head and per batch element: [B, H, L, S]. The output, weights · v, is [B, H, L, D_v].',
  },
  {
    question: 'Multi-head attention with E = 64 and 8 heads, compared with one head of width 64:',
    options: [
      'has 8 times more parameters',
      'has the same projection parameters; each head attends over an 8-wide slice',
      'cannot use a causal mask',
      'needs d_k = 64 in every head',
    ],
    answer: 1,
    explain:
      'The q, k, v and output projections are E×E either way. The heads split the projected vectors into 8 slices of 8 ' +
      'and attend separately, so each head can look for something different.',
  },
];
