/** Builds a preset's task from its settings and a source of data (and, on resume, the saved tokenizer). */
import type { Json } from '@xf/trainer';
import type { CorpusSource } from './corpus.js';
import { lmTask } from './lm/task.js';
import { namesText } from './lm/text.js';
import type { PresetName } from './presets.js';
import { reverseTask } from './reverse/task.js';
import type { TrainSettings } from './settings.js';
import { spamTask } from './spam/task.js';
import type { Task } from './task.js';

export async function buildTask(
  preset: PresetName,
  settings: TrainSettings,
  source: CorpusSource,
  savedTokenizer: Json | null = null,
): Promise<Task> {
  switch (preset) {
    case 'names':
      return lmTask('names', namesText(await source.names()), settings, savedTokenizer) as Task;
    case 'moby':
      return lmTask('moby', await source.moby(), settings, savedTokenizer) as Task;
    case 'spam':
      return spamTask(await source.spam(), settings, savedTokenizer) as Task;
    case 'reverse':
      return reverseTask(settings) as Task;
  }
}
