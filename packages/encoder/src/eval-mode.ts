/** Runs inference on a module: eval mode (no dropout), no gradients, its modes restored after. */
import { type nn, noGrad } from '@xf/tensor';

export function inEvalMode<T>(module: nn.Module, fn: () => T): T {
  const modes = module.modules().map((m) => [m, m.training] as const);
  module.eval();
  try {
    return noGrad(fn);
  } finally {
    for (const [m, training] of modes) m.training = training;
  }
}
