import type { QuizQuestion } from '../types.js';

export const quiz: QuizQuestion[] = [
  {
    question: 'Over which axis does LayerNorm compute its mean and variance in a transformer?',
    options: ['The batch', 'The sequence', 'The features of each token', 'Everything at once'],
    answer: 2,
    explain:
      'Each token’s vector is normalised on its own, over its d features. Nothing is shared across tokens or examples (unlike BatchNorm).',
  },
  {
    question: 'Why does eps go inside the square root, √(σ² + eps)?',
    options: [
      'It is faster',
      'It keeps the division finite and smooth when the variance is zero or tiny',
      'It makes the variance unbiased',
      'It does not matter where it goes',
    ],
    answer: 1,
    explain:
      'For a constant vector σ² = 0 and √eps keeps the result finite. Outside the root, results differ visibly for small variances.',
  },
  {
    question: 'What does pre-norm (x + sublayer(norm(x))) keep that post-norm does not?',
    options: [
      'Fewer parameters',
      'A residual path from input to output that no norm touches',
      'Exact equality with the 2017 paper',
      'A cheaper norm',
    ],
    answer: 1,
    explain:
      'The skip path adds x itself, so gradients flow straight through every block. That is why deep pre-norm stacks train stably (they end with one final norm).',
  },
];
