import { describe, expect, it } from 'vitest';
import { formatTrace, isTracing, ones, traceScope, traceShapes, traceStep } from '../src/index.js';

describe('shape traces', () => {
  it('collects marked steps with scoped names, and nothing outside a trace', () => {
    const model = (x: ReturnType<typeof ones>) => {
      traceStep('input', x);
      traceScope('h', () => traceScope('0', () => traceStep('scores', [2, 4, 4], 'q kᵀ / √d')));
      return x.sum();
    };
    expect(isTracing()).toBe(false);
    model(ones(2, 3)); // not tracing: no effect
    const { result, steps } = traceShapes(() => model(ones(2, 3)));
    expect(result.item()).toBe(6);
    expect(steps).toEqual([
      { name: 'input', shape: [2, 3] },
      { name: 'h.0.scores', shape: [2, 4, 4], note: 'q kᵀ / √d' },
    ]);
    expect(formatTrace(steps)).toBe('input       [2, 3]\nh.0.scores  [2, 4, 4]  q kᵀ / √d');
  });

  it('restores the scope when a step throws', () => {
    const { steps } = traceShapes(() => {
      try {
        traceScope('a', () => {
          throw new Error('boom');
        });
      } catch {}
      traceStep('b', [1]);
    });
    expect(steps.map((s) => s.name)).toEqual(['b']);
  });
});
