/**
 * The benchmark's model and run lengths, shared by the orchestrator and its child processes.
 * The shape is the one in DESIGN.md's peer table; the step counts come from the environment.
 */
export const shape = {
  nLayer: 4,
  nHead: 4,
  nEmbd: 128,
  blockSize: 64,
  batchSize: 12,
} as const;

/** The model's dimensions for a vocabulary, as both xf's GPT and the tfjs peer take them. */
export function modelShape(vocabSize: number) {
  const { nLayer, nHead, nEmbd, blockSize } = shape;
  return { vocabSize, blockSize, nLayer, nHead, nEmbd };
}

/** AdamW as nanoGPT's character-level example configures it. */
export const adamw = { lr: 1e-3, betas: [0.9, 0.99] as const, eps: 1e-8, weightDecay: 0.1 };

const quick = process.env.XF_BENCH_QUICK === '1';

function count(name: string, full: number, short: number): number {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? (quick ? short : full) : Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got ${raw}`);
  return n;
}

/** What one child process runs: `warmup` untimed steps, then `steps` timed ones. */
export interface RunPlan {
  warmup: number;
  steps: number;
}

export const plan = {
  /** xf on each backend, and tfjs on wasm. */
  main: (): RunPlan => ({
    warmup: count('XF_BENCH_WARMUP', 3, 1),
    steps: count('XF_BENCH_STEPS', 15, 3),
  }),
  /** tfjs-cpu takes seconds a step: fewer of them. */
  slow: (): RunPlan => ({
    warmup: count('XF_BENCH_CPU_WARMUP', 1, 1),
    steps: count('XF_BENCH_CPU_STEPS', 3, 1),
  }),
  /** Tokens generated after a blockSize-token prompt. */
  newTokens: (): number => count('XF_BENCH_SAMPLE_TOKENS', 200, 200),
};
