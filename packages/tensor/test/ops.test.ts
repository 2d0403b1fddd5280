/**
 * Every op on every backend: gradients against finite differences, and forward values and
 * gradients against the js reference backend.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { gradcheck, setBackend, type Tensor, testing } from '../src/index.js';
import { makeInputs, opCases } from './cases.js';

afterAll(() => setBackend('js'));

function run(c: (typeof opCases)[number]): { out: Tensor; grads: (Tensor | null)[] } {
  const inputs = makeInputs(c);
  const out = c.fn(...inputs);
  out.backward(out.mul(0).add(1)); // d(sum out)/d(inputs)
  return { out, grads: inputs.map((x) => x.grad) };
}

const configs = testing.backendConfigs();

describe('backends available here', () => {
  it('include the js reference and gpu.js in at least one mode', () => {
    const labels = configs.map((c) => c.label);
    expect(labels[0]).toBe('js');
    expect(labels.some((l) => l.startsWith('gpu:'))).toBe(true);
    // CI names the gpu.js modes it provisions, so a missing one fails instead of vanishing
    const required = (process.env.XF_REQUIRE_GPU_MODES ?? '').split(',').filter(Boolean);
    for (const mode of required) expect(labels).toContain(`gpu:${mode}`);
  });
});

for (const config of configs) {
  describe(`ops on ${config.label}`, () => {
    for (const c of opCases) {
      it(`${c.name}: gradient matches finite differences`, () => {
        config.use();
        const result = gradcheck(c.fn, makeInputs(c), c.gradcheck);
        expect(result.message).toMatch(/ok/);
      });
      if (config.label !== 'js') {
        it(`${c.name}: forward and backward match the js reference`, () => {
          setBackend('js');
          const expected = run(c);
          config.use();
          const actual = run(c);
          testing.assertClose(actual.out, expected.out, {
            atol: 1e-5,
            rtol: 1e-4,
            name: `${c.name} output`,
          });
          actual.grads.forEach((g, i) => {
            const e = expected.grads[i];
            if (!g || !e) throw new Error(`${c.name}: missing gradient for input ${i}`);
            testing.assertClose(g, e, { atol: 1e-5, rtol: 1e-4, name: `${c.name} grad ${i}` });
          });
        });
      }
    }
  });
}
