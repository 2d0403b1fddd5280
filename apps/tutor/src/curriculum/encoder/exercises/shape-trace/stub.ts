/**
 * encoder · 3 · the shape trace
 *
 * Before running a model, know what shape every tensor has. Predict the shapes inside an
 * EncoderClassifier (batchFirst, one layer) for a batch of B sequences of T token ids:
 *
 *   embedding   the token embeddings (positions added: same shape)
 *   q           the queries of one layer, split into heads
 *   scores      q kᵀ / √d_head
 *   merged      the heads side by side again
 *   ffnHidden   the feed-forward network's hidden layer
 *   pooled      one vector per sequence
 *   logits      the classifier's output (careful with two classes: see below)
 *
 * c = { B, T, dModel, nHead, dimFeedforward, numClasses }. With numClasses = 2 the classifier
 * uses one sigmoid logit per sequence (binary cross-entropy), as @xf/encoder does by default.
 * Return plain arrays: { embedding: [B, T, dModel], … }.
 */

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
  throw new Error('TODO: one shape per step');
}
