/** What the page shows for a sample or a classification. */
import type { Classification, SampleResult } from '../src/core/trained.js';

export function sampleText(result: SampleResult): string {
  switch (result.kind) {
    case 'names':
      return result.names.join('\n');
    case 'text':
      return result.text;
    case 'sequences':
      return result.pairs
        .map((p) => `${p.input} → ${p.output}  ${p.correct ? '✓' : `✗ (expected ${p.expected})`}`)
        .join('\n');
  }
}

export function classificationText(c: Classification): string {
  return `${c.label} (probability ${c.probability.toFixed(3)})`;
}
