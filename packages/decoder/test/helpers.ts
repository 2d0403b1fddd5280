import { type nn, setBackend, type Tensor, testing } from '@xf/tensor';

/**
 * Builds and runs a model on the js reference backend and then on every other backend,
 * checking that the logits and every parameter's gradient agree within float32 tolerance.
 */
export function expectBackendsMatchReference(
  run: () => { logits: Tensor; model: nn.Module },
): void {
  const collect = () => {
    const { logits, model } = run();
    return { logits, grads: model.parameters().map((p) => p.grad!) };
  };
  setBackend('js');
  const expected = collect();
  const tolerance = { atol: 1e-4, rtol: 1e-3 };
  for (const config of testing.otherBackendConfigs()) {
    config.use();
    const actual = collect();
    testing.assertClose(actual.logits, expected.logits, {
      ...tolerance,
      name: `${config.label} logits`,
    });
    for (const [i, g] of actual.grads.entries()) {
      testing.assertClose(g, expected.grads[i], {
        ...tolerance,
        name: `${config.label} grad ${i}`,
      });
    }
  }
}
