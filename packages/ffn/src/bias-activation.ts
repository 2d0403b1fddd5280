/**
 * act(x + bias) as one op: one kernel forward and one kernel backward (plus a column sum
 * for the bias), instead of an add, the activation's few elementwise ops and their gradients. This is the hot elementwise
 * step of a feed-forward layer (after its first matrix product).
 */
import { check, formatShape, recordOp, sum, Tensor } from '@xf/tensor';
import { type ActivationName, checkActivation } from './activation-names.js';
import {
  biasActivationBackwardKernel,
  biasActivationForwardKernel,
} from './kernels/bias-activation.js';

/**
 * y = activation(x + bias), bias [features] added along the last dim of x (or no bias when
 * null). Gradients flow to x and to bias.
 */
export function biasActivation(
  x: Tensor,
  bias: Tensor | null | undefined,
  activation: ActivationName,
): Tensor {
  const op = 'biasActivation';
  check.tensor(op, 'input', x);
  const act = checkActivation(op, activation);
  const b = bias ?? null;
  let features = 1;
  if (b !== null) {
    check.tensor(op, 'bias', b);
    const last = x.ndim === 0 ? undefined : x.shape[x.ndim - 1];
    if (b.ndim !== 1 || b.shape[0] !== last) {
      throw new Error(
        `${op}: bias of shape ${formatShape(b.shape)} does not match the last dim of input ${formatShape(x.shape)} ` +
          `(expected [${last ?? 'a last dim'}])`,
      );
    }
    features = b.shape[0];
  }
  if (x.numel() === 0) {
    return recordOp(op, new Tensor(new Float32Array(0), x.shape), b ? [x, b] : [x], (g) => [
      g,
      b ? new Tensor(new Float32Array(b.numel()), b.shape) : null,
    ]);
  }
  const y = new Tensor(
    biasActivationForwardKernel(x.data, b?.data ?? null, features, act),
    x.shape,
  );
  return recordOp(op, y, b ? [x, b] : [x], (g) => {
    const dz = new Tensor(
      biasActivationBackwardKernel(x.data, b?.data ?? null, g.data, features, act),
      x.shape,
    );
    // the bias was added to every row: its gradient is the column sum
    return [dz, b?.requiresGrad ? sum(dz.reshape([-1, features]), 0) : null];
  });
}
