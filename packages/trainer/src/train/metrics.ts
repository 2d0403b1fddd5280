/** One line of the metrics log, and its JSON Lines form. */

export interface MetricsRecord {
  /** Optimizer steps completed, counting this one (1 for the first update). */
  step: number;
  /** Training loss of this step: the mean over its micro-batches, before the update. */
  loss: number;
  /** Mean validation loss after this step's update, on steps that evaluate. */
  valLoss?: number;
  /** Learning rate used by this step's update. */
  lr: number;
  /** Tokens this step trained on, per second of its wall time. */
  tokensPerSec: number;
  /** Wall time since the run began (carried across resumes), in milliseconds. */
  elapsedMs: number;
  /** Total gradient norm before clipping, when clipping is on. */
  gradNorm?: number;
}

/** One record as a line of JSON Lines (with its newline). */
export function toJsonLine(record: MetricsRecord): string {
  return `${JSON.stringify(record)}\n`;
}

/** Parses a JSON Lines log back into records (blank lines are skipped). */
export function parseJsonLines(text: string): MetricsRecord[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      try {
        return JSON.parse(line) as MetricsRecord;
      } catch (e) {
        throw new Error(
          `parseJsonLines: line ${i + 1} is not valid JSON (${(e as Error).message})`,
        );
      }
    });
}
