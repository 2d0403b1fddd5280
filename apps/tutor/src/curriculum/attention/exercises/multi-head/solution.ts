import { causalMask } from '@xf/attention';
import {
  chunk,
  linear,
  matmul,
  mul,
  reshape,
  softmax,
  type Tensor,
  transpose,
  where,
} from '@xf/tensor';

export interface MhaParams {
  inProjWeight: Tensor; // [3E, E]
  inProjBias: Tensor; // [3E]
  outProjWeight: Tensor; // [E, E]
  outProjBias: Tensor; // [E]
}

function splitHeads(x: Tensor, h: number): Tensor {
  const [B, L, width] = x.shape;
  return transpose(reshape(x, [B, L, h, width / h]), 1, 2);
}

function mergeHeads(x: Tensor): Tensor {
  const [B, H, L, D] = x.shape;
  return reshape(transpose(x, 1, 2), [B, L, H * D]);
}

export function multiHeadAttention(
  x: Tensor,
  p: MhaParams,
  numHeads: number,
  causal: boolean,
): Tensor {
  const L = x.shape[1];
  const [q, k, v] = chunk(linear(x, p.inProjWeight, p.inProjBias), 3, -1).map((t) =>
    splitHeads(t, numHeads),
  );
  const D = q.shape[3];
  let scores = mul(matmul(q, transpose(k, -2, -1)), 1 / Math.sqrt(D));
  if (causal) scores = where(causalMask(L), scores, Number.NEGATIVE_INFINITY);
  const o = matmul(softmax(scores, -1), v);
  return linear(mergeHeads(o), p.outProjWeight, p.outProjBias);
}
