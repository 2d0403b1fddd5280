import type { QuizQuestion } from '../types.js';

export const quiz: QuizQuestion[] = [
  {
    question: 'During training, a GPT sees a whole sequence at once. How does it avoid cheating?',
    options: [
      'It only trains on the last token',
      'The causal mask: position t attends only to positions 0 … t',
      'It shuffles the tokens',
      'Dropout',
    ],
    answer: 1,
    explain:
      'With the mask, the prediction at every position depends only on what came before, so one pass trains all T next-token predictions at once.',
  },
  {
    question: 'What does a temperature below 1 do to sampling?',
    options: [
      'Makes it more random',
      'Sharpens the distribution towards the most likely tokens',
      'Removes the least likely tokens exactly',
      'Nothing',
    ],
    answer: 1,
    explain:
      'Dividing logits by T < 1 spreads them apart, so softmax concentrates on the top tokens. T → 0 becomes greedy decoding.',
  },
  {
    question:
      'With a KV cache holding 10 tokens, one new token arrives. Which keys may it attend to?',
    options: ['Only itself', 'All 11', 'The first 10', 'None'],
    answer: 1,
    explain:
      'The new token is at position 10: it sees keys 0 … 10, all cached keys and itself. The causal mask for L = 1, S = 11 is all true.',
  },
];
