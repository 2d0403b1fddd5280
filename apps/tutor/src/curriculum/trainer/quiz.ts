import type { QuizQuestion } from '../types.js';

export const quiz: QuizQuestion[] = [
  {
    question:
      'A freshly initialised model guesses uniformly over a vocabulary of 65 characters. What is its cross-entropy?',
    options: ['0', '1', 'log 65 ≈ 4.17', '65'],
    answer: 2,
    explain:
      'Each right token gets probability 1/65, and −log(1/65) = log 65 ≈ 4.17. A loss well below that means the model learned something.',
  },
  {
    question: 'What makes AdamW different from Adam with L2 regularisation?',
    options: [
      'AdamW has no weight decay',
      'AdamW shrinks the weights directly instead of adding λp to the gradient',
      'AdamW uses no second moment',
      'They are the same',
    ],
    answer: 1,
    explain:
      'With L2, λp goes into the gradient and is then divided by √v, so heavily-updated weights are barely decayed. AdamW decouples the decay: every weight shrinks by lr·λ.',
  },
  {
    question: 'Why do m and v need bias correction?',
    options: [
      'Because gradients are biased',
      'They start at 0, so their early averages are too small',
      'To make the learning rate decay',
      'To avoid dividing by zero',
    ],
    answer: 1,
    explain:
      'After one step m = (1 − β1) g, far smaller than g. Dividing by 1 − β1ᵗ undoes that; the correction fades as t grows.',
  },
];
