/**
 * AdamW (Loshchilov & Hutter), as torch.optim.AdamW. For each parameter p with gradient g,
 * at step t (counted per parameter from 1):
 *
 *   p ← p (1 - lr λ)                         decoupled weight decay, applied first
 *   m ← m + (1 - β1)(g - m)                  first moment (exp_avg, a lerp in PyTorch)
 *   v ← β2 v + (1 - β2) g²                   second moment (exp_avg_sq)
 *   v̂max ← max(v̂max, v)                      only with amsgrad
 *   denom = √v / √(1 - β2^t) + ε             bias-corrected, ε outside the square root
 *   p ← p - (lr / (1 - β1^t)) · m / denom
 *
 * Each stored value is rounded to float32 where PyTorch stores one (after every in-place op).
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

export interface AdamWOptions {
  lr: number;
  betas: readonly [number, number];
  eps: number;
  weightDecay: number;
  amsgrad: boolean;
  maximize: boolean;
}

const f32 = Math.fround;

export class AdamW extends Optimizer<AdamWOptions> {
  constructor(params: Params<AdamWOptions>, options: Partial<AdamWOptions> = {}) {
    super(
      params,
      {
        lr: 1e-3,
        betas: [0.9, 0.999],
        eps: 1e-8,
        weightDecay: 1e-2,
        amsgrad: false,
        maximize: false,
        ...options,
      },
      'AdamW',
    );
  }

  protected checkOwnOptions(o: AdamWOptions, bad: OptionFailure): void {
    if (!(o.eps >= 0)) {
      bad(`invalid epsilon value: ${o.eps}`);
    }
    if (!Array.isArray(o.betas) || o.betas.length !== 2) {
      bad(`betas must be a pair [beta1, beta2], got ${String(o.betas)}`);
    }
    o.betas.forEach((b, i) => {
      if (!(b >= 0 && b < 1)) {
        bad(`invalid beta parameter at index ${i}: ${b}`);
      }
    });
    if (typeof o.amsgrad !== 'boolean') {
      bad(`amsgrad must be a boolean, got ${String(o.amsgrad)}`);
    }
  }

  protected stateLayout(group: ParamGroup<AdamWOptions>): StateLayout {
    return {
      numbers: ['step'],
      tensors: group.amsgrad ? ['expAvg', 'expAvgSq', 'maxExpAvgSq'] : ['expAvg', 'expAvgSq'],
    };
  }

  protected update(
    param: Tensor,
    grad: Float32Array,
    group: ParamGroup<AdamWOptions>,
    state: ParamState,
  ): void {
    const { lr, eps, weightDecay, amsgrad, maximize } = group;
    const [beta1, beta2] = group.betas;
    if (state.step === undefined) {
      state.step = 0;
      state.expAvg = new Tensor(new Float32Array(param.numel()), param.shape);
      state.expAvgSq = new Tensor(new Float32Array(param.numel()), param.shape);
      if (amsgrad) {
        state.maxExpAvgSq = new Tensor(new Float32Array(param.numel()), param.shape);
      }
    }
    const step = (state.step as number) + 1;
    state.step = step;
    const p = param.data;
    const m = (state.expAvg as Tensor).data;
    const v = (state.expAvgSq as Tensor).data;
    const vMax = amsgrad ? (state.maxExpAvgSq as Tensor).data : null;

    const decay = 1 - lr * weightDecay;
    const stepSize = lr / (1 - beta1 ** step);
    const biasCorrection2Sqrt = Math.sqrt(1 - beta2 ** step);
    for (let i = 0; i < p.length; i++) {
      const g = maximize ? -grad[i] : grad[i];
      if (weightDecay !== 0) {
        p[i] = f32(p[i] * decay);
      }
      m[i] = f32(m[i] + (1 - beta1) * (g - m[i]));
      v[i] = f32(f32(v[i] * beta2) + (1 - beta2) * g * g);
      let second = v[i];
      if (vMax) {
        second = vMax[i] = Math.max(vMax[i], v[i]);
      }
      const denom = f32(f32(f32(Math.sqrt(second)) / biasCorrection2Sqrt) + eps);
      p[i] = f32(p[i] - stepSize * f32(m[i] / denom));
    }
  }
}
