/**
 * The files of a run directory:
 *
 *   metrics.jsonl   one record per step ({step, loss, valLoss?, lr, tokensPerSec, elapsedMs, gradNorm?})
 *   latest.json     points at the newest checkpoint
 *   step-NNNNNNNN/  checkpoints (checkpoint.json, model.safetensors, optimizer.safetensors)
 *   summary.json    the final numbers of the last finished run
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { POINTER } from '@xf/trainer/node';

export const METRICS_FILE = 'metrics.jsonl';
export const SUMMARY_FILE = 'summary.json';

/** The playground's own files in a run directory (anything else there is left alone). */
function runFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter(
    (f) =>
      f === METRICS_FILE ||
      f === SUMMARY_FILE ||
      f === POINTER ||
      /^step-\d{8,}(-\d+)?$/.test(f) ||
      // leftovers of a save that was killed half-way
      /^\.tmp-(step-|latest|metrics)/.test(f),
  );
}

export function hasRun(dir: string): boolean {
  return runFiles(dir).length > 0;
}

/** Makes room for a fresh run: removes an earlier run's metrics, checkpoints and summary. */
export function clearRun(dir: string): void {
  for (const f of runFiles(dir)) rmSync(join(dir, f), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}

/** A run resumed into another directory keeps its history: the metrics come along. */
export function carryMetrics(from: string, to: string): void {
  const source = join(from, METRICS_FILE);
  const target = join(to, METRICS_FILE);
  if (from !== to && existsSync(source) && !existsSync(target)) {
    mkdirSync(to, { recursive: true });
    copyFileSync(source, target);
  }
}

export function writeSummary(dir: string, summary: unknown): void {
  writeFileSync(join(dir, SUMMARY_FILE), `${JSON.stringify(summary, null, 2)}\n`);
}
