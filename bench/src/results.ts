/** What the child processes print for the orchestrator, one JSON line each. */

/** What a training child prints as its last line of output. */
export interface TrainResult {
  label: string;
  /** Backend details as the library reports them. */
  detail: string;
  warmup: number;
  steps: number;
  tokensPerStep: number;
  seconds: number;
  tokensPerSec: number;
  /** Median seconds of one timed step. */
  medianStep: number;
  firstLoss: number;
  lastLoss: number;
  /** The loss of every step, warm-up included. */
  losses: number[];
  parameters: number;
  /** Peak resident set size of the child, bytes, read right after the timed steps. */
  peakRss: number;
}

/** What a sampling child prints. */
export interface SampleResult {
  label: string;
  detail: string;
  promptTokens: number;
  newTokens: number;
  /** Best of the timed runs, seconds for all the new tokens. */
  cachedSeconds: number;
  uncachedSeconds: number;
  cachedTokensPerSec: number;
  uncachedTokensPerSec: number;
  /** Both ways drew the same tokens from the same seed (they should: same windows, same math). */
  sameTokens: boolean;
}

/** What the peer check prints: both models from the same weights, the largest loss gap. */
export interface PeerCheck {
  peer: string;
  steps: number;
  largestGap: number;
}
