/**
 * A trained model as the commands use it: sample or classify, and inspect (config, parameter
 * breakdown, shape trace, attention heatmaps). One kind per task.
 */
import type { nn } from '@xf/tensor';
import type { AttentionMap } from './attention-maps.js';
import type { RunConfig } from './run-config.js';

export interface Inspection {
  /** The model's config, field by field. */
  config: Record<string, unknown>;
  /** Parameters by component, as aligned text. */
  breakdown: string;
  /** Every step of one forward pass with its shape, as aligned text. */
  trace: string;
  attention: AttentionMap[];
}

export interface SampleRequest {
  prompt?: string;
  /** How many names / characters / strings. */
  n?: number;
  temperature?: number;
  topK?: number | null;
  topP?: number | null;
  seed?: number;
}

export interface SequencePair {
  input: string;
  output: string;
  expected: string;
  correct: boolean;
}

export type SampleResult =
  | { kind: 'names'; names: string[] }
  | { kind: 'text'; text: string }
  | { kind: 'sequences'; pairs: SequencePair[] };

export interface Classification {
  label: string;
  /** Probability of that label. */
  probability: number;
  probabilities: Record<string, number>;
}

interface Common {
  config: RunConfig;
  model: nn.Module;
  /** A prompt that shows the model at work, for inspect and the page. */
  defaultPrompt: string;
  inspect(prompt: string): Inspection;
}

export interface TrainedGenerator extends Common {
  kind: 'lm' | 'seq2seq';
  sample(request: SampleRequest): SampleResult;
}

export interface TrainedClassifier extends Common {
  kind: 'classifier';
  labels: string[];
  classify(text: string): Classification;
}

export type Trained = TrainedGenerator | TrainedClassifier;
