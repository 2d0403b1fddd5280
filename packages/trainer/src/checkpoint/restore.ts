/**
 * Puts a checkpoint back into a model, optimizer, data loader and the global generator.
 * All or nothing: the model's weights are checked against it first (names, shapes), the
 * other parts validate before they change anything, and if any part still fails, the parts
 * already restored are rolled back. A failed restore leaves everything as it was.
 */
import { getRngState, type nn, setRngState } from '@xf/tensor';
import type { Loader } from '../data/loader.js';
import type { Json } from '../json.js';
import type { Checkpoint, StatefulOptimizer } from './checkpoint.js';
import { CheckpointError } from './errors.js';
import { MODEL_FILE, OPTIMIZER_FILE, SIDECAR } from './files.js';

export interface RestoreTargets {
  model: nn.Module;
  optimizer?: StatefulOptimizer | null;
  loader?: Pick<Loader<unknown>, 'stateDict' | 'loadStateDict'> | null;
  /** Restore the global generator (dropout) too (default true). */
  rng?: boolean;
}

export function restoreCheckpoint(checkpoint: Checkpoint, targets: RestoreTargets): void {
  const { model, optimizer, loader, rng = true } = targets;
  checkModel(checkpoint, model);
  if (optimizer && !checkpoint.optimizer) {
    throw new CheckpointError(SIDECAR, 'holds no optimizer state to restore');
  }
  if (loader && checkpoint.loader === null) {
    throw new CheckpointError(SIDECAR, 'holds no data loader state to restore');
  }

  const undo: (() => void)[] = [];
  try {
    if (optimizer && checkpoint.optimizer) {
      const before = optimizer.stateDict();
      try {
        optimizer.loadStateDict(checkpoint.optimizer);
      } catch (e) {
        throw new CheckpointError(
          OPTIMIZER_FILE,
          `the optimizer state does not fit the optimizer: ${(e as Error).message}`,
        );
      }
      undo.push(() => optimizer.loadStateDict(before));
    }
    if (loader) {
      const before: Json = loader.stateDict();
      try {
        loader.loadStateDict(checkpoint.loader);
      } catch (e) {
        throw new CheckpointError(
          SIDECAR,
          `the data loader state does not fit the loader: ${(e as Error).message}`,
        );
      }
      undo.push(() => loader.loadStateDict(before));
    }
    if (rng) {
      const before = getRngState();
      setRngState(checkpoint.rngState);
      undo.push(() => setRngState(before));
    }
    model.loadStateDict(checkpoint.model); // checked above; it validates again before copying
  } catch (e) {
    for (const step of undo.reverse()) {
      step();
    }
    throw e;
  }
}

/** Names and shapes must match the model's own state dict exactly. */
function checkModel(checkpoint: Checkpoint, model: nn.Module): void {
  const own = model.stateDict();
  const saved = checkpoint.model;
  const problems: string[] = [];
  const missing = Object.keys(own).filter((k) => !(k in saved));
  const unexpected = Object.keys(saved).filter((k) => !(k in own));
  if (missing.length) {
    problems.push(`missing tensors ${missing.join(', ')}`);
  }
  if (unexpected.length) {
    problems.push(`unexpected tensors ${unexpected.join(', ')}`);
  }
  for (const [key, t] of Object.entries(own)) {
    const s = saved[key];
    if (!s) {
      continue;
    }
    if (s.dtype !== 'float32') {
      problems.push(`${key} has dtype ${s.dtype}, expected float32`);
    }
    if (s.ndim !== t.ndim || s.shape.some((d, i) => d !== t.shape[i])) {
      problems.push(
        `${key} has shape [${s.shape.join(', ')}], the model has [${t.shape.join(', ')}]`,
      );
    }
  }
  if (problems.length) {
    throw new CheckpointError(
      MODEL_FILE,
      `does not fit the model (${model.constructor.name}): ${problems.join('; ')}`,
    );
  }
}
