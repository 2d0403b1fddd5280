/**
 * pnpm playground train: builds the preset's task and trains it with @xf/trainer, showing a
 * live progress line, a sample at each evaluation (language models) and a loss chart at the
 * end. Metrics go to DIR/metrics.jsonl, checkpoints to DIR. Ctrl-C stops after the current
 * step, saves a checkpoint and exits cleanly; a second Ctrl-C exits at once.
 */
import { join } from 'node:path';
import { backendInfo } from '@xf/tensor';
import { type MetricsRecord, train } from '@xf/trainer';
import { MetricsWriter, readMetrics, saveCheckpoint } from '@xf/trainer/node';
import pc from 'picocolors';
import { buildTask } from '../../core/build.js';
import { trainOptionsOf } from '../../core/task.js';
import { useBackend } from '../../node/backend.js';
import { nodeCorpora } from '../../node/corpora.js';
import {
  carryMetrics,
  clearRun,
  hasRun,
  METRICS_FILE,
  writeSummary,
} from '../../node/run-files.js';
import type { FlagValue } from '../args.js';
import { lossChart } from '../term/chart.js';
import { formatDuration, formatInt, terminalWidth } from '../term/format.js';
import { ProgressDisplay } from '../term/progress.js';
import { planTraining } from './train-plan.js';

/**
 * Exit status after a second Ctrl-C, which quits without saving: the shell's convention for a
 * process ended by SIGINT. A first Ctrl-C is a clean stop (status 0, the checkpoint saved; the
 * --json summary says stopReason "interrupted").
 */
export const FORCED_EXIT = 130;

/** Lets signals and output through between steps (the steps themselves are synchronous). */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function trainCommand(flags: Record<string, FlagValue>): Promise<number> {
  const json = flags.json === true;
  const plan = planTraining(flags);
  const { preset, settings, out, resumeFrom, resumeDir } = plan;
  const stdout = process.stdout;
  const say = (text: string) => {
    if (!json) stdout.write(`${text}\n`);
  };

  const backend = await useBackend(flags.backend as string | undefined);
  say(pc.bold(`xf playground: ${preset}`) + pc.dim(`  (${backend.description})`));
  if (!resumeFrom && hasRun(out)) {
    say(pc.dim(`replacing the earlier run in ${out}`));
    clearRun(out);
  }
  if (resumeFrom) {
    if (resumeDir) carryMetrics(resumeDir, out);
    say(`resuming from step ${resumeFrom.step} of ${settings.steps}`);
  }
  say(pc.dim('preparing data...'));
  const task = await buildTask(preset, settings, nodeCorpora, resumeFrom?.tokenizer ?? null);
  const params = task.trained.model.numParameters();
  say(
    `${formatInt(params)} parameters · ${settings.layers} layers, ${settings.heads} heads, width ${settings.embd}, block ${settings.block} · batch ${settings.batch} · lr ${settings.lr} · ${settings.steps} steps`,
  );
  say(pc.dim(`writing ${join(out, METRICS_FILE)} and checkpoints to ${out}`));

  const metrics = new MetricsWriter(join(out, METRICS_FILE), { fromStep: resumeFrom?.step ?? 0 });
  const progress = new ProgressDisplay(stdout, !json && Boolean(stdout.isTTY));
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) {
      // a second Ctrl-C: stop now, without waiting for the checkpoint
      process.stderr.write('\nxf playground: stopped without saving\n');
      process.exit(FORCED_EXIT);
    }
    interrupted = true;
    if (json) return;
    progress.log(
      pc.yellow('Ctrl-C: finishing this step and saving a checkpoint (Ctrl-C again to quit now)'),
    );
  };
  process.on('SIGINT', onSigint);

  const startStep = resumeFrom?.step ?? 0;
  const startMs = resumeFrom?.trainer?.elapsedMs ?? 0;
  let lastCheckpoint: string | null = null;
  const tokensPerSec: number[] = [];
  let lastValLoss: number | undefined;
  let result: Awaited<ReturnType<typeof train>>;
  try {
    result = await train({
      ...trainOptionsOf(task),
      checkpointInterval: settings.checkpointEvery,
      resumeFrom,
      onLog: metrics.write,
      onCheckpoint: (checkpoint) => {
        lastCheckpoint = saveCheckpoint(out, checkpoint);
      },
      onStep: async (event) => {
        tokensPerSec.push(event.tokensPerSec);
        lastValLoss = event.valLoss ?? lastValLoss;
        const done = event.step - startStep;
        progress.update({
          step: event.step,
          totalSteps: settings.steps,
          loss: event.loss,
          valLoss: lastValLoss,
          tokensPerSec: event.tokensPerSec,
          msPerStep: done > 0 ? (event.elapsedMs - startMs) / done : 0,
          elapsedMs: event.elapsedMs,
        });
        if (event.valLoss !== undefined && !json) {
          progress.log(pc.dim(progress.plain()));
          const sample = task.evalSample?.(event.step);
          if (sample !== undefined) progress.log(`  ${pc.green(sample.replace(/\n/g, '↵'))}`);
        }
        if (interrupted) event.stop(`interrupted after step ${event.step}`);
        await yieldToEventLoop();
      },
    });
  } finally {
    process.off('SIGINT', onSigint);
    progress.done();
  }

  const history: MetricsRecord[] = readMetrics(join(out, METRICS_FILE));
  const avgTokensPerSec = tokensPerSec.length
    ? tokensPerSec.reduce((a, b) => a + b, 0) / tokensPerSec.length
    : 0;
  const last = history[history.length - 1];
  const elapsedMs = last?.elapsedMs ?? 0;
  const summary: Record<string, unknown> = {
    preset,
    backend: backendInfo().description,
    out,
    step: result.step,
    steps: settings.steps,
    stopReason: interrupted ? 'interrupted' : result.stopReason,
    loss: result.lastLoss,
    valLoss: result.lastValLoss,
    elapsedMs,
    tokensPerSec: avgTokensPerSec,
    checkpoint: lastCheckpoint,
    settings,
  };

  if (interrupted) {
    say(
      `stopped at step ${result.step}; checkpoint saved in ${out}\ncontinue with: pnpm playground train --resume ${out}`,
    );
    if (json) stdout.write(`${JSON.stringify(summary)}\n`);
    return 0;
  }

  if (!json) {
    say('');
    say(
      lossChart(history, { width: Math.min(72, terminalWidth() - 12), color: pc.isColorSupported }),
    );
    say('');
    say(pc.dim('measuring on held-out data...'));
  }
  const report = task.report();
  summary.report = report.metrics;
  summary.goal = task.preset.goal;
  summary.goalMet = report.met;
  writeSummary(out, summary);
  for (const line of report.lines) say(`${report.met ? pc.green('✓') : pc.yellow('•')} ${line}`);
  say(
    `${result.step} steps in ${formatDuration(elapsedMs)} · ${formatInt(avgTokensPerSec)} tokens/s on ${backend.description}`,
  );
  if (task.preset.kind === 'classifier') {
    say(`try it: pnpm playground classify --from ${out} "Win a FREE cruise now!"`);
  } else {
    say(`sample it: pnpm playground sample --from ${out}`);
  }
  say(`look inside: pnpm playground inspect --from ${out}`);
  if (json) stdout.write(`${JSON.stringify(summary)}\n`);
  return 0;
}
