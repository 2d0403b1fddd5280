/**
 * Stochastic gradient descent with momentum, as torch.optim.SGD. For each parameter p
 * with gradient g:
 *
 *   g ← -g                                   only with maximize
 *   g ← g + λ p                              weight decay (L2, added to the gradient)
 *   b ← g on the first step, else μ b + (1 - τ) g    momentum buffer, dampening τ
 *   g ← g + μ b with nesterov, else g ← b    (when μ ≠ 0)
 *   p ← p - lr g
 */
import { Tensor } from '@xf/tensor';
import {
  Optimizer,
  type OptionFailure,
  type ParamGroup,
  type ParamState,
  type Params,
  type StateLayout,
} from './optimizer.js';

export interface SGDOptions {
  lr: number;
  momentum: number;
  dampening: number;
  weightDecay: number;
  nesterov: boolean;
  maximize: boolean;
}

const f32 = Math.fround;

export class SGD extends Optimizer<SGDOptions> {
  constructor(params: Params<SGDOptions>, options: Partial<SGDOptions> = {}) {
    super(
      params,
      {
        lr: 1e-3,
        momentum: 0,
        dampening: 0,
        weightDecay: 0,
        nesterov: false,
        maximize: false,
        ...options,
      },
      'SGD',
    );
  }

  protected checkOwnOptions(o: SGDOptions, bad: OptionFailure): void {
    if (!(o.momentum >= 0)) {
      bad(`invalid momentum value: ${o.momentum}`);
    }
    if (!Number.isFinite(o.dampening)) {
      bad(`invalid dampening value: ${o.dampening}`);
    }
    if (typeof o.nesterov !== 'boolean') {
      bad(`nesterov must be a boolean, got ${String(o.nesterov)}`);
    }
    if (o.nesterov && (o.momentum <= 0 || o.dampening !== 0)) {
      bad('Nesterov momentum requires a momentum and zero dampening');
    }
  }

  protected stateLayout(): StateLayout {
    return { numbers: [], tensors: [], optionalTensors: ['momentumBuffer'] };
  }

  protected update(
    param: Tensor,
    grad: Float32Array,
    group: ParamGroup<SGDOptions>,
    state: ParamState,
  ): void {
    const { lr, momentum, dampening, weightDecay, nesterov, maximize } = group;
    const p = param.data;
    const d = new Float32Array(p.length);
    for (let i = 0; i < p.length; i++) {
      const g = maximize ? -grad[i] : grad[i];
      d[i] = weightDecay !== 0 ? f32(g + weightDecay * p[i]) : g;
    }
    if (momentum !== 0) {
      const existing = state.momentumBuffer as Tensor | undefined;
      if (!existing) {
        state.momentumBuffer = new Tensor(d.slice(), param.shape);
      } else {
        const b = existing.data;
        for (let i = 0; i < b.length; i++) {
          b[i] = f32(f32(b[i] * momentum) + (1 - dampening) * d[i]);
        }
      }
      const b = (state.momentumBuffer as Tensor).data;
      for (let i = 0; i < d.length; i++) {
        d[i] = nesterov ? f32(d[i] + momentum * b[i]) : b[i];
      }
    }
    for (let i = 0; i < p.length; i++) {
      p[i] = f32(p[i] - lr * d[i]);
    }
  }
}
