/** `pnpm tutor verify [concept|exercise] [--json]`: check once, exit 0 only when everything passes. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pc from 'picocolors';
import { UsageError } from '../args.js';
import { concepts } from '../curriculum/registry.js';
import { isPending } from '../curriculum/types.js';
import { formatReport, statusWord } from '../ui/report.js';
import { loadState } from '../workspace/state.js';
import { checkFiles } from './check-files.js';
import { type Context, conceptRefs, requireTarget } from './context.js';

function defaultTargets(ctx: Context) {
  const started = concepts.filter((c) => !isPending(c) && existsSync(join(ctx.workspace, c.id)));
  if (started.length === 0) {
    throw new UsageError(
      `nothing to verify in ${ctx.workspace}: name a concept (pnpm tutor verify attention) or start one first`,
    );
  }
  return started.flatMap((c) => (isPending(c) ? [] : conceptRefs(c)));
}

export async function verify(ctx: Context, positionals: string[]): Promise<number> {
  if (positionals.length > 1)
    throw new UsageError(`verify takes one concept or exercise, got ${positionals.join(' ')}`);
  const refs = positionals.length ? requireTarget(positionals[0]) : defaultTargets(ctx);
  const { warning } = loadState(ctx.workspace);
  if (warning) ctx.err(`warning: ${warning}`);
  const results = await checkFiles(ctx.workspace, refs);
  const passed = results.filter((r) => r.result.report.status === 'pass').length;
  const failed = results.length - passed;
  if (ctx.flags.json) {
    ctx.out(
      JSON.stringify(
        {
          ok: failed === 0,
          workspace: ctx.workspace,
          target: positionals[0] ?? null,
          passed,
          failed,
          results: results.map(({ ref, file, result }) => ({
            exercise: ref.id,
            file,
            status: result.report.status,
            passed: result.report.status === 'pass',
            summary: statusWord(result.report),
            ms: result.ms,
            report: result.report,
            ...(result.consoleOutput ? { consoleOutput: result.consoleOutput } : {}),
          })),
        },
        // JSON has no NaN or Infinity: write them as strings rather than null
        (_key, value) =>
          typeof value === 'number' && !Number.isFinite(value) ? String(value) : value,
        2,
      ),
    );
  } else {
    for (const { ref, file, result } of results) {
      ctx.out(formatReport(result, { file, check: ref.exercise.check, from: ctx.from }));
    }
    const line = `${passed} passed, ${failed} failed`;
    ctx.out(failed === 0 ? pc.green(line) : pc.red(line));
  }
  return failed === 0 ? 0 : 1;
}
