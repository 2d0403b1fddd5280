/** A check result in words, for the terminal. */
import pc from 'picocolors';
import { formatNumber, shapeText, toleranceText } from '../engine/compare.js';
import type { CheckReport, JobResult, SourceLocation } from '../engine/report.js';
import type { ExerciseCheck } from '../engine/types.js';
import { fileLink, terminalWidth } from './term.js';

export interface ReportContext {
  /** The learner's file. */
  file: string;
  check: ExerciseCheck;
  /** Paths are shown relative to this folder. */
  from?: string;
  color?: boolean;
  width?: number;
}

function paint(enabled: boolean) {
  const id = (s: string) => s;
  return enabled
    ? { red: pc.red, green: pc.green, yellow: pc.yellow, dim: pc.dim, bold: pc.bold, cyan: pc.cyan }
    : { red: id, green: id, yellow: id, dim: id, bold: id, cyan: id };
}

function where(loc: SourceLocation | undefined, ctx: ReportContext): string[] {
  if (!loc) return [];
  const link = fileLink(loc.file, { line: loc.line, column: loc.column, from: ctx.from });
  return [`  at ${link}${loc.code ? `   ${loc.code}` : ''}`];
}

function caseStrip(cases: { ok: boolean }[], c: ReturnType<typeof paint>): string {
  return cases.map((k) => (k.ok ? c.green('✓') : c.red('✗'))).join('');
}

/** Word-wraps to `width` columns. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

const row = (values: number[]): string => values.map((v) => formatNumber(v).padStart(9)).join(' ');

/** The status in one word, for lists and JSON. */
export function statusWord(report: CheckReport): string {
  return {
    pass: 'passed',
    fail: 'failed',
    todo: 'not started',
    error: 'threw an error',
    'missing-exports': 'missing exports',
    'load-error': 'does not load',
    'no-file': 'no file',
    timeout: 'timed out',
    crash: 'crashed',
  }[report.status];
}

/** Several lines describing the result; the first says pass or fail. */
export function formatReport(result: JobResult, ctx: ReportContext): string {
  const c = paint(ctx.color ?? pc.isColorSupported);
  const r = result.report;
  const width = ctx.width ?? terminalWidth();
  const name = c.bold(result.exercise);
  const file = fileLink(ctx.file, { from: ctx.from });
  const lines: string[] = [];
  switch (r.status) {
    case 'pass':
      lines.push(
        `${c.green('✓')} ${name} passed all ${r.cases.length} cases ${c.dim(`(${toleranceText(ctx.check.tolerance)})`)}`,
      );
      break;
    case 'todo':
      lines.push(`${c.yellow('○')} ${name} is not written yet: ${r.message}`);
      lines.push(...where(r.location, ctx));
      if (!r.location) lines.push(`  edit ${file}`);
      break;
    case 'no-file':
      lines.push(`${c.yellow('○')} ${name}: no file yet at ${file}`);
      break;
    case 'missing-exports':
      lines.push(
        `${c.red('✗')} ${name}: ${file} must export ${r.missing.map((m) => `\`${m}\``).join(', ')}`,
      );
      lines.push(`  it exports: ${r.found.length ? r.found.join(', ') : 'no functions'}`);
      break;
    case 'load-error':
      lines.push(`${c.red('✗')} ${name}: the file does not load`);
      lines.push(`  ${r.message.split('\n').slice(0, 6).join('\n  ')}`);
      lines.push(...where(r.location, ctx));
      break;
    case 'error':
      lines.push(`${c.red('✗')} ${name} threw in case ${r.case.index + 1} (${r.case.label})`);
      lines.push(`  ${c.red(r.message.split('\n')[0])}`);
      lines.push(...where(r.location, ctx));
      if (r.case.inputs) lines.push(c.dim(`  inputs: ${r.case.inputs}`));
      break;
    case 'timeout':
      lines.push(
        `${c.red('✗')} ${name} did not finish within ${(r.ms / 1000).toFixed(1)} s: an endless loop? (the tutor stopped it)`,
      );
      break;
    case 'crash':
      lines.push(`${c.red('✗')} ${name}: ${r.message}`);
      break;
    case 'fail': {
      const f = r.failure;
      const m = f.mismatch;
      lines.push(
        `${c.red('✗')} ${name}: case ${f.index + 1} of ${r.cases.length} is wrong ${c.dim(`(${f.label})`)}`,
      );
      if (f.inputs) lines.push(`  ${c.dim('inputs  ')} ${f.inputs}`);
      const where = m.path === 'result' ? '' : `${m.path}: `;
      if (m.kind === 'values' && m.expectedShape) {
        lines.push(
          `  ${c.dim('result  ')} ${where}shape ${shapeText(m.expectedShape)} as expected; ${m.badCount} of ${m.total} values differ`,
        );
        const at = m.firstIndex?.length ? ` at ${shapeText(m.firstIndex)}` : '';
        lines.push(
          `  ${c.dim('first   ')}${at}: expected ${formatNumber(m.expectedValue!)}, got ${formatNumber(m.actualValue!)}`,
        );
        lines.push(
          `  ${c.dim('max diff')} ${formatNumber(m.maxAbsDiff!)}  ${c.dim(`(allowed: ${toleranceText(ctx.check.tolerance)})`)}`,
        );
      } else if (m.kind === 'shape') {
        lines.push(
          `  ${c.dim('result  ')} ${where}expected shape ${shapeText(m.expectedShape!)}, got shape ${shapeText(m.actualShape!)}`,
        );
      } else {
        lines.push(`  ${c.dim('result  ')} ${m.message}`);
      }
      if (m.expectedRow && m.actualRow && m.rowIndex) {
        const at = m.rowIndex.length ? `row [${[...m.rowIndex, ':'].join(', ')}]` : 'values';
        lines.push(c.dim(`  ${at}`));
        lines.push(`    expected ${row(m.expectedRow)}`);
        lines.push(`    got      ${row(m.actualRow)}`);
      }
      if (r.diagnosis) {
        lines.push(`  ${c.yellow('➜')} ${c.bold(`looks like: ${r.diagnosis.title}`)}`);
        lines.push(...wrap(r.diagnosis.explain, width - 4).map((l) => `    ${l}`));
      } else if (m.hint) {
        lines.push(
          ...wrap(m.hint, width - 4).map((l, i) =>
            i === 0 ? `  ${c.yellow('➜')} ${l}` : `    ${l}`,
          ),
        );
      }
      lines.push(
        `  ${c.dim('cases   ')} ${caseStrip(r.cases, c)}  ${r.failedCount} of ${r.cases.length} wrong`,
      );
      break;
    }
  }
  if (result.consoleOutput) {
    const out = result.consoleOutput.trimEnd().split('\n');
    lines.push(c.dim('  your console output:'));
    lines.push(...out.slice(0, 12).map((l) => c.dim(`  │ ${l}`)));
    if (out.length > 12) lines.push(c.dim(`  │ … ${out.length - 12} more lines`));
  }
  return lines.join('\n');
}
