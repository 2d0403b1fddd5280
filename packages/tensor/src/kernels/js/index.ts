import type { Backend } from '../../backend.js';
import { binary, copyStrided, unary, where } from './elementwise.js';
import { matmul } from './matmul.js';
import { reduce } from './reduce.js';
import { softmax, softmaxBackward } from './softmax.js';

/** The reference backend: plain TypeScript loops, always available, deterministic. */
export const jsBackend: Backend = {
  name: 'js',
  describe: () => 'js (reference kernels in plain TypeScript)',
  unary,
  binary,
  where,
  reduce,
  matmul,
  softmax,
  softmaxBackward,
  copyStrided,
};
