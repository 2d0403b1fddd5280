/**
 * Raised when a loss (or gradient norm) is NaN or infinite. Training stops at once and saves
 * no checkpoint after it, so the last good checkpoint stays the one to resume from.
 */
export class NonFiniteLossError extends Error {
  readonly step: number;
  readonly value: number;
  readonly lastCheckpointStep: number | null;

  constructor(step: number, what: string, value: number, lastCheckpointStep: number | null) {
    const kept =
      lastCheckpointStep === null
        ? 'no checkpoint was saved in this run'
        : `the last checkpoint (step ${lastCheckpointStep}) is kept`;
    super(`train: ${what} is ${value} at step ${step}; training stopped, and ${kept}`);
    this.name = 'NonFiniteLossError';
    this.step = step;
    this.value = value;
    this.lastCheckpointStep = lastCheckpointStep;
  }
}
