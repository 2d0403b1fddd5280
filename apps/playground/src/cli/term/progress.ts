/**
 * The live training line: step, a bar, loss, val loss, tokens/s and the time left. On a
 * terminal it redraws one line in place (at most ten times a second) and prints evaluations
 * above it; elsewhere (a pipe, a log file) it prints a plain line per evaluation only.
 */
import pc from 'picocolors';
import { formatDuration, formatInt, formatLoss, terminalWidth } from './format.js';

export interface ProgressState {
  step: number;
  totalSteps: number;
  loss: number;
  valLoss?: number;
  tokensPerSec: number;
  /** Time per step, averaged over this session, for the ETA. */
  msPerStep: number;
  elapsedMs: number;
}

const BAR = 24;

export function progressLine(s: ProgressState, width = 100): string {
  const frac = Math.min(1, s.step / s.totalSteps);
  const filled = Math.round(frac * BAR);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR - filled)}`;
  const digits = String(s.totalSteps).length;
  const eta = (s.totalSteps - s.step) * s.msPerStep;
  const parts = [
    `step ${String(s.step).padStart(digits)}/${s.totalSteps}`,
    bar,
    `${String(Math.round(frac * 100)).padStart(3)}%`,
    `loss ${formatLoss(s.loss)}`,
    `val ${formatLoss(s.valLoss)}`,
    `${formatInt(s.tokensPerSec)} tok/s`,
    `ETA ${formatDuration(eta)}`,
  ];
  const line = parts.join('  ');
  return line.length > width
    ? parts
        .filter((_, i) => i !== 1)
        .join('  ')
        .slice(0, width)
    : line;
}

export class ProgressDisplay {
  private last = 0;
  private shown = '';
  private state: ProgressState | null = null;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly live = Boolean(stream.isTTY),
  ) {}

  update(state: ProgressState): void {
    this.state = state;
    if (!this.live) return;
    const now = Date.now();
    if (now - this.last < 100 && state.step < state.totalSteps) return;
    this.last = now;
    this.draw();
  }

  /** Prints lines above the live one. */
  log(text: string): void {
    this.clear();
    this.stream.write(`${text}\n`);
    if (this.live) this.draw();
  }

  /** A plain progress line, for logs (the evaluations print one each). */
  plain(): string {
    return this.state ? progressLine(this.state, 1000).replace(/ [█░]+ /, ' ') : '';
  }

  done(): void {
    if (this.live && this.state) {
      this.clear();
      this.stream.write(`${progressLine(this.state, terminalWidth(this.stream))}\n`);
    }
    this.shown = '';
  }

  private draw(): void {
    if (!this.state) return;
    this.shown = progressLine(this.state, terminalWidth(this.stream) - 1);
    this.stream.write(`\r\x1b[2K${pc.cyan(this.shown)}`);
  }

  private clear(): void {
    if (this.live && this.shown) this.stream.write('\r\x1b[2K');
  }
}
