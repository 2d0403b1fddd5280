/**
 * Finds where in the learner's file an error came from: the topmost stack frame in that file
 * (tsx maps it back to the TypeScript source), or the position a syntax error names.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SourceLocation } from '../engine/report.js';

function sourceLine(file: string, line: number): string | undefined {
  try {
    return readFileSync(file, 'utf8').split(/\r?\n/)[line - 1]?.trim();
  } catch {
    return undefined;
  }
}

function toPath(fileOrUrl: string): string {
  if (!fileOrUrl.startsWith('file://')) return fileOrUrl;
  try {
    return fileURLToPath(fileOrUrl.replace(/\?.*$/, ''));
  } catch {
    return fileOrUrl;
  }
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The first frame of `stack` in `file`, as a location. */
export function locateInStack(stack: string | undefined, file: string): SourceLocation | undefined {
  if (!stack) return undefined;
  const frame = /((?:file:\/\/)?[^\s()]+?):(\d+):(\d+)/g;
  for (const line of stack.split('\n')) {
    for (const m of line.matchAll(frame)) {
      if (toPath(m[1]) !== file) continue;
      const lineNo = Number(m[2]);
      return { file, line: lineNo, column: Number(m[3]), code: sourceLine(file, lineNo) };
    }
  }
  return undefined;
}

/** Where an error points in `file`: its stack, or a "file:line:col" in its message (esbuild's syntax errors). */
export function locateError(error: unknown, file: string): SourceLocation | undefined {
  const stack = error instanceof Error ? error.stack : undefined;
  const fromStack = locateInStack(stack, file);
  if (fromStack) return fromStack;
  const message = error instanceof Error ? error.message : String(error);
  const m = new RegExp(`${escapeRegExp(file)}:(\\d+):(\\d+)`).exec(message);
  if (m) {
    const lineNo = Number(m[1]);
    return { file, line: lineNo, column: Number(m[2]) + 1, code: sourceLine(file, lineNo) };
  }
  return undefined;
}
