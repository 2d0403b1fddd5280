/**
 * One training run in the page: the same task as the terminal's, trained with @xf/trainer in
 * small steps. After every step the loop hands the browser a turn (the trainer awaits its
 * callbacks), so the page stays responsive and Stop works.
 */
import { type Checkpoint, type MetricsRecord, train } from '@xf/trainer';
import { buildTask } from '../src/core/build.js';
import type { PresetName } from '../src/core/presets.js';
import type { TrainSettings } from '../src/core/settings.js';
import { type Report, type Task, trainOptionsOf } from '../src/core/task.js';
import { webCorpora } from './corpora.js';
import { yieldToBrowser } from './yield.js';

export interface SessionEvents {
  status(text: string): void;
  step(record: MetricsRecord): void;
  evalSample(text: string): void;
}

export interface SessionResult {
  task: Task;
  report: Report | null;
  stopped: boolean;
  steps: number;
}

export class TrainingSession {
  private stopping = false;

  stop(): void {
    this.stopping = true;
  }

  async run(
    preset: PresetName,
    settings: TrainSettings,
    events: SessionEvents,
    resumeFrom: Checkpoint | null = null,
  ): Promise<SessionResult> {
    events.status('loading data and building the model…');
    await yieldToBrowser();
    const task = await buildTask(preset, settings, webCorpora, resumeFrom?.tokenizer ?? null);
    events.status(
      `training ${task.trained.model.numParameters().toLocaleString('en-US')} parameters…`,
    );
    await yieldToBrowser();
    const result = await train({
      ...trainOptionsOf(task),
      evalIters: Math.min(settings.evalIters, 5),
      resumeFrom,
      onStep: async (event) => {
        events.step(event);
        if (event.valLoss !== undefined && task.evalSample)
          events.evalSample(task.evalSample(event.step));
        if (this.stopping) event.stop('stopped from the page');
        await yieldToBrowser();
      },
    });
    const stopped = result.stopReason === 'callback';
    let report: Report | null = null;
    if (!stopped) {
      events.status('measuring on held-out data…');
      await yieldToBrowser();
      report = task.report();
    }
    return { task, report, stopped, steps: result.step };
  }
}
