import { EncoderClassifier, encoderShapeTrace } from '@xf/encoder';

/** The shape trace of a one-layer classifier, the layer's attention steps abridged. */
export function trace(): string {
  const model = new EncoderClassifier({
    vocabSize: 20,
    maxLen: 8,
    dModel: 8,
    nHead: 2,
    nLayer: 1,
    numClasses: 3,
    dropout: 0,
  });
  const { steps } = encoderShapeTrace(model, [
    [1, 2, 3, 4, 5],
    [6, 7, 8, 9, 10],
  ]);
  const keep = new Set([
    'ids',
    'embedding',
    'q',
    'scores',
    'merged',
    'norm1',
    'hidden',
    'norm2',
    'pooled',
    'logits',
  ]);
  const shown = steps.filter((s) => keep.has(s.name.split('.').pop() ?? ''));
  const width = Math.max(...shown.map((s) => s.name.length));
  return shown
    .map(
      (s) => `  ${s.name.padEnd(width)}  ${`[${s.shape.join(', ')}]`.padEnd(14)} ${s.note ?? ''}`,
    )
    .join('\n');
}
