import type { QuizQuestion } from '../types.js';

export const quiz: QuizQuestion[] = [
  {
    question: 'Why does byte-level BPE never meet an unknown word?',
    options: [
      'Its vocabulary contains every English word',
      'Every text is a sequence of bytes, and all 256 bytes are tokens',
      'Unknown words are skipped',
      'It falls back to characters',
    ],
    answer: 1,
    explain:
      'The merges are shortcuts on top of the 256 single-byte tokens; whatever is not covered by a merge stays as bytes.',
  },
  {
    question: 'What does pre-tokenization (the regex split) prevent?',
    options: [
      'Merges that span two words or a word and punctuation, like "e t" or "t."',
      'Long training times',
      'Unicode errors',
      'Special tokens',
    ],
    answer: 0,
    explain:
      'Pairs are only counted inside pieces, so the vocabulary is spent on reusable units such as " the" rather than accidents of adjacency.',
  },
  {
    question: 'When encoding new text, in which order are merges applied?',
    options: [
      'Longest token first',
      'In the order they were learned',
      'At random',
      'Most frequent in the new text first',
    ],
    answer: 1,
    explain:
      'Encoding replays training: within each piece, repeatedly merge the adjacent pair whose merge was learned earliest (lowest id).',
  },
];
