import { Generator, randn, setBackend, type Tensor, testing } from '@xf/tensor';

export const TOL = { atol: 1e-4, rtol: 1e-4 };

/** Seeded normal samples, so every run sees the same numbers. */
export function sample(shape: number[], seed: number, requiresGrad = false): Tensor {
  return randn(shape, { generator: new Generator(seed), requiresGrad });
}

/** Runs fn on the js (reference) backend. */
export function onJs<T>(fn: () => T): T {
  setBackend('js');
  return fn();
}

/**
 * Every backend that runs here except the js reference, which the tests compare them with
 * (gpu.js's cpu mode always runs, so this is never empty).
 */
export const configs: testing.BackendConfig[] = testing
  .backendConfigs()
  .filter((c) => c.name !== 'js');

/** The values of a forward and the gradients it sends back to its inputs for a fixed upstream gradient. */
export function valueAndGrads(
  fn: (...inputs: Tensor[]) => Tensor,
  inputs: Tensor[],
  seed = 99,
): { y: Tensor; grads: (Tensor | null)[] } {
  const leaves = inputs.map((t) => t.detach().requiresGrad_(t.requiresGrad));
  const y = fn(...leaves);
  y.backward(sample([...y.shape], seed));
  return { y, grads: leaves.map((t) => t.grad) };
}
