import type { QuizQuestion } from '../types.js';

export const quiz: QuizQuestion[] = [
  {
    question: 'W has shape [3, 5]. What shape is W.grad after loss.backward()?',
    options: ['[5, 3]', '[3, 5]', 'the shape of the loss, []', 'it depends on the batch size'],
    answer: 1,
    explain:
      'A gradient says how the loss changes with each element of W, so it has exactly W’s shape: [3, 5].',
  },
  {
    question: 'y = x Wᵀ + b over a batch of N rows. Why is ∂L/∂b the sum of gradOut over the rows?',
    options: [
      'Because the loss is a mean',
      'Because b is used once per row, and a value used several times adds up the gradients of its uses',
      'Because b has no weights attached',
      'It is the mean, not the sum',
    ],
    answer: 1,
    explain:
      'The same b[o] is added to every row, so nudging it moves every y[n, o]. The chain rule adds those effects: Σₙ gradOut[n, o].',
  },
  {
    question: 'What does a relu do to the gradient flowing back through it?',
    options: [
      'Nothing: its slope is 1',
      'Passes it where the input was positive, blocks it where it was negative',
      'Clamps it to be non-negative',
      'Squares it',
    ],
    answer: 1,
    explain:
      'relu(a) = max(a, 0) has slope 1 for a > 0 and 0 for a < 0, so the gradient is multiplied by (a > 0).',
  },
];
