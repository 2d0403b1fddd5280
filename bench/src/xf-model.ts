/** xf's side of the benchmark: the GPT of `shape`, without dropout, with biases (as the peer). */
import { GPT } from '@xf/decoder';
import { modelShape } from './config.js';

export const xfModel = (vocabSize: number): GPT =>
  new GPT({ ...modelShape(vocabSize), dropout: 0, bias: true });
