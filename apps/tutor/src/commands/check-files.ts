/** Checks learner files in the workspace and records the attempts in the progress file. */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { ExerciseRef } from '../curriculum/registry.js';
import type { JobResult } from '../engine/report.js';
import { runJobsParallel } from '../runner/isolate.js';
import { exerciseFile, prepareWorkspace } from '../workspace/files.js';
import { recordAttempt, updateState } from '../workspace/state.js';

export interface FileResult {
  ref: ExerciseRef;
  file: string;
  result: JobResult;
}

export async function checkFiles(workspace: string, refs: ExerciseRef[]): Promise<FileResult[]> {
  const files = refs.map((ref) => ({ ref, file: exerciseFile(workspace, ref) }));
  const present = files.filter((f) => existsSync(f.file));
  if (present.length > 0) prepareWorkspace(workspace);
  const parallel = Math.min(2, availableParallelism());
  const results = await runJobsParallel(
    present.map((f) => ({ exercise: f.ref.id, source: { file: f.file } })),
    { cwd: workspace, parallel: present.length >= 4 ? parallel : 1 },
  );
  const byId = new Map(results.map((r, i) => [present[i].ref.id, r]));
  const out = files.map(({ ref, file }) => ({
    ref,
    file,
    result: byId.get(ref.id) ?? {
      exercise: ref.id,
      report: { status: 'no-file', file } as const,
      ms: 0,
    },
  }));
  if (present.length > 0) {
    updateState(workspace, (state) => {
      for (const r of out) {
        if (r.result.report.status !== 'no-file')
          recordAttempt(state, r.ref.id, r.result.report.status === 'pass');
      }
    });
  }
  return out;
}
