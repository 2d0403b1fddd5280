import type { QuizQuestion } from '../types.js';

export const quiz: QuizQuestion[] = [
  {
    question: 'What does an encoder block output for an input of shape [B, T, d]?',
    options: ['[B, d]', '[B, T, d]', '[B, T, T]', '[B, T, 4d]'],
    answer: 1,
    explain:
      'A block maps every token vector to a new token vector of the same width, so blocks can be stacked: [B, T, d] → [B, T, d].',
  },
  {
    question: 'Why is padding masked only as a key, and not as a query?',
    options: [
      'Queries cannot be masked',
      'Real tokens must not read from padding; what padded positions compute themselves is simply never used',
      'It makes training faster',
      'Padding is masked as both',
    ],
    answer: 1,
    explain:
      'Masking padding keys keeps it out of every real token’s average. Padded outputs are computed but the pooling and the loss ignore them.',
  },
  {
    question: 'Unlike a decoder, an encoder’s self-attention is:',
    options: [
      'Causal',
      'Bidirectional: every token sees every other (apart from padding)',
      'Single-headed',
      'Without softmax',
    ],
    answer: 1,
    explain:
      'An encoder reads the whole input at once, so each token may look left and right. Causal masking is for generating text one token at a time.',
  },
];
