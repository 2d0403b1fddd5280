import { describe, expect, it } from 'vitest';
import { type LossPoint, lossChart } from '../src/cli/term/chart.js';
import { formatDuration } from '../src/cli/term/format.js';
import { heatmap } from '../src/cli/term/heatmap.js';
import { progressLine } from '../src/cli/term/progress.js';

describe('terminal drawing', () => {
  it('formats durations', () => {
    expect(formatDuration(75_000)).toBe('1:15');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
  });

  it('draws a progress line with step, loss, val loss, tokens/s and ETA', () => {
    const line = progressLine({
      step: 50,
      totalSteps: 200,
      loss: 2.5,
      valLoss: 2.6,
      tokensPerSec: 3210.4,
      msPerStep: 100,
      elapsedMs: 5000,
    });
    expect(line).toMatch(
      /^step {2}50\/200 .* 25% {2}loss 2\.500 {2}val 2\.600 {2}3,210 tok\/s {2}ETA 0:15$/,
    );
  });

  it('charts the loss: the highest point on the top row, the lowest on the bottom', () => {
    const points: LossPoint[] = Array.from({ length: 100 }, (_, i) => ({
      step: i + 1,
      loss: 3 - i / 50,
    }));
    points[99] = { ...points[99], valLoss: 0.9 };
    const lines = lossChart(points, { width: 40, height: 10, color: false }).split('\n');
    // the first column averages steps 1-3
    expect(lines[0]).toMatch(/^ {2}2\.980 ┤·/);
    expect(lines[9]).toMatch(/^ {2}0\.900 ┤ +◆$/);
    expect(lines.at(-2)).toMatch(/step 1 +step 100/);
  });

  it('draws a heatmap per head, rows as queries', () => {
    const map = {
      title: 'layer 0',
      rows: ['a', 'b'],
      cols: ['a', 'b'],
      heads: [
        [
          [1, 0],
          [0.5, 0.5],
        ],
        [
          [1, 0],
          [0, 1],
        ],
      ],
    };
    const text = heatmap(map, { width: 80, color: false });
    expect(text.split('\n')).toEqual([
      'layer 0',
      '    head 0   head 1',
      '    a b      a b   ',
      'a   ██       ██    ',
      'b   ▓▓▓▓       ██  ',
    ]);
  });
});
