/**
 * Shape traces: what a learner asks first of a model ("what shape is it here?"). Modules
 * mark interesting steps with traceStep; traceShapes runs a function and collects them.
 * Outside traceShapes the marks cost one check and record nothing.
 */
import type { Tensor } from './tensor.js';

export interface TraceStep {
  /** Dotted path of the step, e.g. 'h.0.attn.q'. */
  name: string;
  shape: number[];
  /** Optional note, e.g. 'q kᵀ / √d_k'. */
  note?: string;
}

interface Recorder {
  steps: TraceStep[];
  scope: string[];
}

let recorder: Recorder | null = null;

/** Runs fn and returns its result with every step marked while it ran. */
export function traceShapes<T>(fn: () => T): { result: T; steps: TraceStep[] } {
  const previous = recorder;
  const current: Recorder = { steps: [], scope: [] };
  recorder = current;
  try {
    const result = fn();
    return { result, steps: current.steps };
  } finally {
    recorder = previous;
  }
}

/** Whether a trace is being recorded (to skip work that only a trace needs). */
export function isTracing(): boolean {
  return recorder !== null;
}

/** Marks a step: a tensor (its shape is recorded) or a shape that was never materialised. */
export function traceStep(name: string, value: Tensor | readonly number[], note?: string): void {
  if (!recorder) return;
  const shape = Array.isArray(value) ? [...value] : [...(value as Tensor).shape];
  const path = [...recorder.scope, name].join('.');
  recorder.steps.push(note === undefined ? { name: path, shape } : { name: path, shape, note });
}

/** Runs fn with `name` prefixed to the steps it marks (e.g. a block's index). */
export function traceScope<T>(name: string, fn: () => T): T {
  if (!recorder) return fn();
  const r = recorder;
  r.scope.push(name);
  try {
    return fn();
  } finally {
    r.scope.pop();
  }
}

/** A trace as aligned text: one step per line with its shape. */
export function formatTrace(steps: readonly TraceStep[]): string {
  const width = Math.max(0, ...steps.map((s) => s.name.length));
  const shapeWidth = Math.max(0, ...steps.map((s) => `[${s.shape.join(', ')}]`.length));
  return steps
    .map((s) => {
      const shape = `[${s.shape.join(', ')}]`;
      return `${s.name.padEnd(width)}  ${s.note ? shape.padEnd(shapeWidth) : shape}${s.note ? `  ${s.note}` : ''}`;
    })
    .join('\n');
}
