export interface TraceConfig {
  B: number;
  T: number;
  dModel: number;
  nHead: number;
  dimFeedforward: number;
  numClasses: number;
}

export function predictShapes(
  c: TraceConfig,
): Record<'embedding' | 'q' | 'scores' | 'merged' | 'ffnHidden' | 'pooled' | 'logits', number[]> {
  const { B, T, dModel, nHead } = c;
  return {
    embedding: [B, T, dModel],
    q: [B, nHead, T, dModel / nHead],
    scores: [B, nHead, T, T],
    merged: [B, T, dModel],
    ffnHidden: [B, T, c.dimFeedforward],
    pooled: [B, dModel],
    logits: c.numClasses === 2 ? [B] : [B, c.numClasses],
  };
}
