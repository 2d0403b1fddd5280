/** The error for a checkpoint (or safetensors) file that cannot be used: names the file and what is wrong. */
export class CheckpointError extends Error {
  readonly file: string;
  readonly reason: string;

  constructor(file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.name = 'CheckpointError';
    this.file = file;
    this.reason = reason;
  }
}
