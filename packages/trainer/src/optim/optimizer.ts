/**
 * The optimizer base, as torch.optim.Optimizer: parameters in groups, each group with its own
 * options (lr, weightDecay, ...) over the defaults; per-parameter state (moments, step count)
 * created on a parameter's first update; zeroGrad; and a state dict that saves and restores
 * both, with parameters named by their position across the groups (0, 1, 2, ...).
 */
import { enableGrad, formatShape, Tensor } from '@xf/tensor';
import type { Json } from '../json.js';

/** Option values an optimizer keeps per group: numbers, flags, or tuples of numbers (betas). */
export type OptionValue = number | boolean | readonly number[];
/** An options type whose every field is an OptionValue. */
export type OptionsOf<O> = { [K in keyof O]: OptionValue };

/** The options every optimizer here has, checked by the base class. */
export interface CommonOptions {
  lr: number;
  weightDecay: number;
  maximize: boolean;
}

/** Throws an error that names the optimizer and where the bad option was found. */
export type OptionFailure = (what: string) => never;

export type ParamGroup<O extends OptionsOf<O>> = O & { params: Tensor[] };

/** A group as passed to a constructor: its parameters and any options that differ from the defaults. */
export type ParamGroupInput<O extends OptionsOf<O>> = Partial<O> & { params: Iterable<Tensor> };

/** Parameters as a constructor takes them: a list of tensors, or a list of groups. */
export type Params<O extends OptionsOf<O>> = Iterable<Tensor> | ReadonlyArray<ParamGroupInput<O>>;

/** What an optimizer remembers about one parameter: counts and tensors (e.g. step, expAvg). */
export type ParamState = Record<string, number | Tensor>;

export interface OptimizerStateDict {
  /** Per-parameter state, keyed by the parameter's index across all groups. */
  state: Record<string, ParamState>;
  /** Each group's options, and its parameters as indices. */
  paramGroups: Array<Record<string, Json> & { params: number[] }>;
}

/** The names in a parameter's state, so a loaded state dict can be checked before use. */
export interface StateLayout {
  numbers: string[];
  tensors: string[];
  /** Tensors that may be absent (e.g. SGD's momentum buffer without momentum). */
  optionalTensors?: string[];
}

export abstract class Optimizer<O extends OptionsOf<O> & CommonOptions> {
  readonly defaults: O;
  readonly paramGroups: ParamGroup<O>[] = [];
  /** Per-parameter state; a parameter that has never been updated has none. */
  readonly state = new Map<Tensor, ParamState>();

  /** The optimizer's name, for messages. */
  readonly name: string;

  constructor(params: Params<O>, defaults: O, name = 'Optimizer') {
    this.name = name;
    this.defaults = defaults;
    this.checkOptions(defaults, 'options');
    const list = [...(params as Iterable<Tensor | ParamGroupInput<O>>)];
    if (list.length === 0) {
      throw new Error(`${this.name}: got an empty parameter list`);
    }
    const groups = list.every((p) => p instanceof Tensor)
      ? [{ params: list as Tensor[] } as unknown as ParamGroupInput<O>]
      : (list as ParamGroupInput<O>[]);
    for (const group of groups) {
      this.addParamGroup(group);
    }
  }

  /** Throws, naming the optimizer and `where`, if an option value is invalid. */
  private checkOptions(options: O, where: string): void {
    const bad: OptionFailure = (what) => {
      throw new Error(`${this.name}: ${where}: ${what}`);
    };
    if (!(options.lr >= 0)) bad(`invalid learning rate: ${options.lr}`);
    if (!(options.weightDecay >= 0)) bad(`invalid weightDecay value: ${options.weightDecay}`);
    if (typeof options.maximize !== 'boolean') {
      bad(`maximize must be a boolean, got ${String(options.maximize)}`);
    }
    this.checkOwnOptions(options, bad);
  }

  /** Checks the options particular to this optimizer, calling `bad` on the first invalid one. */
  protected abstract checkOwnOptions(options: O, bad: OptionFailure): void;

  /** The state one parameter of this group carries. */
  protected abstract stateLayout(group: ParamGroup<O>): StateLayout;

  /** Updates one parameter in place from its gradient, with its state (empty on first use). */
  protected abstract update(
    param: Tensor,
    grad: Float32Array,
    group: ParamGroup<O>,
    state: ParamState,
  ): void;

  addParamGroup(group: ParamGroupInput<O>): void {
    const where = `param group ${this.paramGroups.length}`;
    if (!group || typeof group !== 'object' || !('params' in group)) {
      throw new Error(`${this.name}: ${where} must be an object with a 'params' list`);
    }
    const params = [...group.params];
    if (params.length === 0) {
      throw new Error(`${this.name}: ${where} has no parameters`);
    }
    const known = new Set(this.paramGroups.flatMap((g) => g.params));
    params.forEach((p, i) => {
      if (!(p instanceof Tensor)) {
        throw new TypeError(`${this.name}: ${where} item ${i} is not a Tensor`);
      }
      if (!p.isLeaf) {
        throw new Error(
          `${this.name}: ${where} item ${i} is not a leaf tensor; it cannot be optimized`,
        );
      }
      if (known.has(p) || params.indexOf(p) !== i) {
        throw new Error(
          `${this.name}: ${where} item ${i} appears in more than one place in the parameter groups`,
        );
      }
    });
    for (const key of Object.keys(group)) {
      if (key !== 'params' && !(key in this.defaults)) {
        throw new Error(
          `${this.name}: ${where} has an unknown option '${key}' (options: ${Object.keys(this.defaults).join(', ')})`,
        );
      }
    }
    const merged = { ...this.defaults, ...group, params } as ParamGroup<O>;
    this.checkOptions(merged, where);
    this.paramGroups.push(merged);
  }

  /** Clears every parameter's gradient: to null (the default, as PyTorch) or to zeros. */
  zeroGrad(setToNone = true): void {
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        if (setToNone || !p.grad) {
          p.grad = null;
        } else {
          p.grad.data.fill(0);
        }
      }
    }
  }

  /**
   * Updates every parameter that has a gradient (`p.grad`, from backward() or set by hand);
   * parameters without one are skipped. The optional closure recomputes and returns the loss.
   */
  step(closure?: () => Tensor): Tensor | undefined {
    const loss = closure ? enableGrad(closure) : undefined;
    this.paramGroups.forEach((group, g) => {
      group.params.forEach((p, i) => {
        if (!p.grad) {
          return;
        }
        if (
          p.grad.numel() !== p.numel() ||
          p.grad.ndim !== p.ndim ||
          p.grad.shape.some((d, k) => d !== p.shape[k])
        ) {
          throw new Error(
            `${this.name}.step: parameter ${i} of group ${g} has shape ${formatShape(p.shape)} but its grad has shape ${formatShape(p.grad.shape)}`,
          );
        }
        let state = this.state.get(p);
        if (!state) {
          this.state.set(p, (state = {}));
        }
        this.update(p, p.grad.data, group, state);
      });
    });
    return loss;
  }

  /** A copy of the options and state, with parameters as indices (as torch's state_dict). */
  stateDict(): OptimizerStateDict {
    const state: Record<string, ParamState> = {};
    const paramGroups: OptimizerStateDict['paramGroups'] = [];
    let index = 0;
    for (const group of this.paramGroups) {
      const { params, ...options } = group;
      const ids: number[] = [];
      for (const p of params) {
        const s = this.state.get(p);
        if (s) {
          state[String(index)] = copyState(s);
        }
        ids.push(index++);
      }
      paramGroups.push({ ...(copyOptions(options) as Record<string, Json>), params: ids });
    }
    return { state, paramGroups };
  }

  /**
   * Restores options and state saved by stateDict(). Everything is checked first (group
   * and parameter counts, option names and values, state names and shapes), so a state
   * dict that does not fit changes nothing.
   */
  loadStateDict(stateDict: OptimizerStateDict): void {
    const fail = (what: string): never => {
      throw new Error(`${this.name}.loadStateDict: ${what}`);
    };
    if (
      !stateDict ||
      !Array.isArray(stateDict.paramGroups) ||
      typeof stateDict.state !== 'object' ||
      !stateDict.state
    ) {
      fail('expected an object with paramGroups (a list) and state');
    }
    const saved = stateDict.paramGroups;
    if (saved.length !== this.paramGroups.length) {
      fail(
        `the state dict has ${saved.length} parameter groups, this optimizer has ${this.paramGroups.length}`,
      );
    }
    const params = this.paramGroups.flatMap((g) => g.params);
    const newOptions: O[] = [];
    saved.forEach((s, g) => {
      const own = this.paramGroups[g];
      if (!Array.isArray(s.params) || s.params.length !== own.params.length) {
        fail(
          `group ${g} has ${Array.isArray(s.params) ? s.params.length : 'no'} parameters, this optimizer's has ${own.params.length}`,
        );
      }
      const { params: _ids, ...options } = s;
      const names = Object.keys(options).sort().join(', ');
      const expected = Object.keys(this.defaults).sort().join(', ');
      if (names !== expected) {
        fail(`group ${g} has options (${names}), ${this.name} has (${expected})`);
      }
      try {
        this.checkOptions(options as unknown as O, `group ${g}`);
      } catch (e) {
        fail((e as Error).message);
      }
      newOptions.push(options as unknown as O);
    });
    const newState = new Map<Tensor, ParamState>();
    for (const [key, s] of Object.entries(stateDict.state)) {
      const index = Number(key);
      if (!Number.isInteger(index) || index < 0 || index >= params.length) {
        fail(`state for parameter '${key}' does not match any of the ${params.length} parameters`);
      }
      const p = params[index];
      const group = this.paramGroups.find((g) => g.params.includes(p))!;
      const layout = this.stateLayout({ ...group, ...newOptions[this.paramGroups.indexOf(group)] });
      checkState(s, layout, p, (what) => fail(`state of parameter ${index}: ${what}`));
      newState.set(p, copyState(s));
    }
    // everything fits: apply
    this.paramGroups.forEach((group, g) => {
      Object.assign(group, copyOptions(newOptions[g]));
    });
    this.state.clear();
    for (const [p, s] of newState) {
      this.state.set(p, s);
    }
  }
}

function copyState(s: ParamState): ParamState {
  const out: ParamState = {};
  for (const [k, v] of Object.entries(s)) {
    out[k] = v instanceof Tensor ? new Tensor(v.data.slice(), v.shape) : v;
  }
  return out;
}

function copyOptions<T extends object>(options: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options)) {
    out[k] = Array.isArray(v) ? [...v] : v;
  }
  return out as T;
}

function checkState(
  s: unknown,
  layout: StateLayout,
  param: Tensor,
  fail: (what: string) => never,
): void {
  if (!s || typeof s !== 'object') {
    fail('expected an object');
  }
  const entries = s as Record<string, unknown>;
  const allowed = [...layout.numbers, ...layout.tensors, ...(layout.optionalTensors ?? [])];
  for (const key of Object.keys(entries)) {
    if (!allowed.includes(key)) {
      fail(`unexpected entry '${key}' (expected ${allowed.join(', ')})`);
    }
  }
  for (const key of layout.numbers) {
    const v = entries[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      fail(`'${key}' must be a non-negative number, got ${String(v)}`);
    }
  }
  for (const key of [...layout.tensors, ...(layout.optionalTensors ?? [])]) {
    const v = entries[key];
    if (v === undefined && !layout.tensors.includes(key)) {
      continue;
    }
    if (!(v instanceof Tensor)) {
      fail(`'${key}' is missing or not a tensor`);
    }
    const t = v as Tensor;
    if (
      t.dtype !== 'float32' ||
      t.ndim !== param.ndim ||
      t.shape.some((d, i) => d !== param.shape[i])
    ) {
      fail(
        `'${key}' has shape ${formatShape(t.shape)} (${t.dtype}), the parameter has ${formatShape(param.shape)} (float32)`,
      );
    }
  }
}
