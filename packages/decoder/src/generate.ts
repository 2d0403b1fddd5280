/**
 * Autoregressive generation: feed the tokens so far, sample the next one from the last
 * position's logits, append it, repeat.
 *
 * With a KV cache each step feeds only the new token; earlier keys and values are reused.
 * When the sequence outgrows the context window, the window restarts on the most recent
 * half of it (rather than sliding one token per step), so cached keys stay valid between
 * restarts; generation without the cache follows the same windows, so both give the same tokens.
 */
import { Generator, inferenceMode, type Tensor, tensor } from '@xf/tensor';
import type { GPT } from './gpt.js';
import { type SampleOptions, sampleNext } from './sampling.js';

export interface GenerateOptions extends SampleOptions {
  /** How many tokens to add. */
  maxNewTokens: number;
  /** Generation ends once every row has produced one of these (later positions repeat it). */
  stopTokens?: readonly number[];
  /** Reuse keys and values of earlier positions (default true). */
  useCache?: boolean;
  /** Seeds a generator of its own for the sampling (ignored when `generator` is given). */
  seed?: number;
  /** Called after each step with the new token of every row. */
  onToken?: (tokens: number[], step: number) => void;
}

/** Continues each row of idx [B, T]; returns [B, T + generated]. */
export function generate(
  model: GPT,
  idx: Tensor | readonly (readonly number[])[],
  options: GenerateOptions,
): Tensor {
  const prompt = Array.isArray(idx)
    ? tensor(idx as number[][], { dtype: 'int32' })
    : (idx as Tensor);
  if (prompt.ndim !== 2 || prompt.shape[1] === 0) {
    throw new Error(
      `generate: idx must be token ids [B, T] with T >= 1, got shape [${prompt.shape.join(', ')}]`,
    );
  }
  const { maxNewTokens, stopTokens = [], useCache = true, onToken } = options;
  if (!Number.isInteger(maxNewTokens) || maxNewTokens < 0) {
    throw new Error(`generate: maxNewTokens must be a non-negative integer, got ${maxNewTokens}`);
  }
  const generator =
    options.generator ?? (options.seed !== undefined ? new Generator(options.seed) : undefined);
  const [B, T0] = prompt.shape;
  const { blockSize } = model.config;
  const keep = Math.max(1, Math.floor(blockSize / 2));
  const rows = Array.from({ length: B }, (_, r) =>
    Array.from(prompt.data.subarray(r * T0, (r + 1) * T0)),
  );
  const stopped = new Array<boolean>(B).fill(false);
  const wasTraining = model.training;
  model.eval();
  try {
    inferenceMode(() => {
      let start = Math.max(0, T0 - blockSize); // first token of the window
      let cached = 0; // tokens of the window already in the cache
      let cache = useCache ? model.newCache() : null;
      for (let step = 0; step < maxNewTokens; step++) {
        const length = rows[0].length;
        if (length - start > blockSize) {
          start = length - keep;
          cache = useCache ? model.newCache() : null;
          cached = 0;
        }
        const input = tensor(
          rows.flatMap((r) => r.slice(start + cached)),
          [B, length - start - cached],
          { dtype: 'int32' },
        );
        const { logits } = model.forward(input, null, { cache });
        if (cache) cached = length - start;
        const [, T, V] = logits.shape;
        const last = tensor(
          Float32Array.from(
            { length: B * V },
            (_, i) => logits.data[(Math.floor(i / V) * T + T - 1) * V + (i % V)],
          ),
          [B, V],
        );
        const next = Array.from(sampleNext(last, { ...options, generator }).data);
        next.forEach((token, r) => {
          const t = stopped[r] ? rows[r][rows[r].length - 1] : token;
          rows[r].push(t);
          if (stopTokens.includes(t)) stopped[r] = true;
        });
        onToken?.(
          rows.map((r) => r[r.length - 1]),
          step,
        );
        if (stopTokens.length > 0 && stopped.every(Boolean)) break;
      }
    });
  } finally {
    model.train(wasTraining);
  }
  return tensor(rows.flat(), [B, rows[0].length], { dtype: 'int32' });
}
