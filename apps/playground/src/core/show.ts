/** How a sample or a classification reads as text: the same words in the terminal and on the page. */
import type { Classification, SampleResult } from './trained.js';

type Paint = (text: string) => string;
const plain: Paint = (text) => text;

/** One sample per line; the terminal passes colours for right and wrong reversals. */
export function showSample(
  result: SampleResult,
  marks: { right: Paint; wrong: Paint } = { right: plain, wrong: plain },
): string {
  switch (result.kind) {
    case 'names':
      return result.names.join('\n');
    case 'text':
      return result.text;
    case 'sequences':
      return result.pairs
        .map(
          (p) =>
            `${p.input} → ${p.output}  ${p.correct ? marks.right('✓') : marks.wrong(`✗ (expected ${p.expected})`)}`,
        )
        .join('\n');
  }
}

export function showClassification(c: Classification, paintLabel: Paint = plain): string {
  return `${paintLabel(c.label)} (probability ${c.probability.toFixed(3)})`;
}
