import type { QuizQuestion } from '../types.js';

export const quiz: QuizQuestion[] = [
  {
    question: 'What does "position-wise" mean for the feed-forward network?',
    options: [
      'It adds positional encodings',
      'The same MLP is applied to each token independently',
      'Each position has its own weights',
      'It only runs on the last position',
    ],
    answer: 1,
    explain:
      'The FFN never mixes tokens: one set of weights, applied to every token vector separately. Mixing between tokens is attention’s job.',
  },
  {
    question:
      'With dModel = 512 and dFF = 2048, how many weights (ignoring biases) does the FFN have?',
    options: ['512·2048', '2·512·2048', '512²', '4·512²·2048'],
    answer: 1,
    explain:
      'W1 is 2048×512 and W2 is 512×2048: 2·512·2048 ≈ 2.1M, about twice the 4·512² ≈ 1M of the attention projections.',
  },
  {
    question: 'How does GELU differ from relu?',
    options: [
      'GELU is linear',
      'GELU is smooth and lets small negative values through, weighted by the normal CDF',
      'GELU is always positive',
      'They are the same for every input',
    ],
    answer: 1,
    explain:
      'GELU(x) = x·Φ(x): close to relu far from 0, but smooth around it, with a small dip to about −0.17 near x = −0.75.',
  },
];
