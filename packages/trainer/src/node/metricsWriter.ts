/**
 * Appends metrics records to a JSON Lines file, one line per record, flushed as it goes.
 * Opened for a resumed run (`fromStep`), it first drops the records the interrupted run
 * wrote after its checkpoint, so the file reads like one uninterrupted run.
 */
import {
  appendFileSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { type MetricsRecord, parseJsonLines, toJsonLine } from '../train/metrics.js';
import { writeFileAtomic } from './atomic.js';

export interface MetricsWriterOptions {
  /** Keep only existing records with step <= fromStep (the checkpoint a run resumes from). */
  fromStep?: number;
}

export class MetricsWriter {
  readonly path: string;

  constructor(path: string, options: MetricsWriterOptions = {}) {
    this.path = path;
    mkdirSync(dirname(path), { recursive: true });
    const { fromStep } = options;
    if (fromStep !== undefined && existsSync(path)) {
      const kept = parseJsonLines(readFileSync(path, 'utf8')).filter((r) => r.step <= fromStep);
      writeFileAtomic(path, kept.map(toJsonLine).join(''));
    }
  }

  /** Appends one record (usable directly as train's onLog). */
  write = (record: MetricsRecord): void => {
    appendFileSync(this.path, toJsonLine(record));
  };

  /** Flushes the file to disk. */
  flush(): void {
    if (!existsSync(this.path)) {
      return;
    }
    const fd = openSync(this.path, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

/** Reads a JSON Lines metrics log. */
export function readMetrics(path: string): MetricsRecord[] {
  return parseJsonLines(readFileSync(path, 'utf8'));
}
