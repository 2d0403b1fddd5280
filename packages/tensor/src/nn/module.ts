/**
 * Module: the base of every layer and model. Like PyTorch's, it finds its parameters,
 * buffers and submodules from its own properties, names them with dotted paths
 * (`transformer.h.0.attn.c_attn.weight`), and saves or loads them as a state dict.
 */
import { formatShape, sameShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { Parameter } from './parameter.js';

export interface LoadResult {
  missingKeys: string[];
  unexpectedKeys: string[];
}

export class Module {
  /** Training mode (dropout active); switch with train() and eval(). */
  training = true;
  private readonly bufferNames = new Map<string, boolean>();

  /** Subclasses implement the computation. */
  forward(..._args: unknown[]): unknown {
    throw new Error(`${this.constructor.name}: forward() is not implemented`);
  }

  /** Registers a tensor that is state but not a parameter (e.g. a positional table). */
  registerBuffer(name: string, tensor: Tensor | null, persistent = true): void {
    (this as unknown as Record<string, unknown>)[name] = tensor;
    this.bufferNames.set(name, persistent);
  }

  namedChildren(): [string, Module][] {
    return Object.entries(this).filter((e): e is [string, Module] => e[1] instanceof Module);
  }

  children(): Module[] {
    return this.namedChildren().map(([, m]) => m);
  }

  /** This module and every module below it, with dotted names ('' for this one). */
  namedModules(prefix = ''): [string, Module][] {
    const out: [string, Module][] = [[prefix, this]];
    for (const [name, child] of this.namedChildren()) {
      out.push(...child.namedModules(prefix ? `${prefix}.${name}` : name));
    }
    return out;
  }

  modules(): Module[] {
    return this.namedModules().map(([, m]) => m);
  }

  /** Every parameter with its dotted name; a parameter shared by two modules is listed once. */
  namedParameters(): [string, Parameter][] {
    const seen = new Set<Parameter>();
    return this.allParameters('').filter(([, p]) => {
      if (seen.has(p)) return false;
      seen.add(p);
      return true;
    });
  }

  private allParameters(prefix: string): [string, Parameter][] {
    const out: [string, Parameter][] = [];
    for (const [name, value] of Object.entries(this)) {
      const key = prefix ? `${prefix}.${name}` : name;
      if (value instanceof Parameter) out.push([key, value]);
      else if (value instanceof Module) out.push(...value.allParameters(key));
    }
    return out;
  }

  parameters(): Parameter[] {
    return this.namedParameters().map(([, p]) => p);
  }

  /** Total number of learnable values (shared parameters counted once). */
  numParameters(): number {
    return this.parameters().reduce((n, p) => n + p.numel(), 0);
  }

  namedBuffers(persistentOnly = false): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    for (const [prefix, module] of this.namedModules()) {
      for (const [name, persistent] of module.bufferNames) {
        const tensor = (module as unknown as Record<string, Tensor | null>)[name];
        if (tensor && (persistent || !persistentOnly))
          out.push([prefix ? `${prefix}.${name}` : name, tensor]);
      }
    }
    return out;
  }

  /**
   * Parameters and persistent buffers by dotted name, as torch's state_dict: shared
   * (tied) parameters appear under every name they have. The tensors are the module's own.
   */
  stateDict(): Record<string, Tensor> {
    const out: Record<string, Tensor> = {};
    for (const [name, p] of this.allParameters('')) out[name] = p;
    for (const [name, b] of this.namedBuffers(true)) out[name] = b;
    return out;
  }

  /**
   * Copies values from a state dict into this module's tensors. With strict (the default),
   * missing or unexpected keys are an error; a shape mismatch is always an error, and
   * nothing is changed unless every tensor fits.
   */
  loadStateDict(state: Record<string, Tensor>, options: { strict?: boolean } = {}): LoadResult {
    const strict = options.strict ?? true;
    const own = this.stateDict();
    const missingKeys = Object.keys(own).filter((k) => !(k in state));
    const unexpectedKeys = Object.keys(state).filter((k) => !(k in own));
    const problems: string[] = [];
    if (strict && missingKeys.length) problems.push(`missing keys: ${missingKeys.join(', ')}`);
    if (strict && unexpectedKeys.length)
      problems.push(`unexpected keys: ${unexpectedKeys.join(', ')}`);
    for (const [key, target] of Object.entries(own)) {
      const source = state[key];
      if (source && !sameShape(source.shape, target.shape)) {
        problems.push(
          `${key}: checkpoint has shape ${formatShape(source.shape)}, model has ${formatShape(target.shape)}`,
        );
      }
    }
    if (problems.length) {
      throw new Error(`loadStateDict(${this.constructor.name}): ${problems.join('; ')}`);
    }
    for (const [key, target] of Object.entries(own)) {
      const source = state[key];
      if (source && source !== target) target.data.set(source.data);
    }
    return { missingKeys, unexpectedKeys };
  }

  train(mode = true): this {
    for (const m of this.modules()) m.training = mode;
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  /** Clears every parameter's gradient (sets it to null, PyTorch's default). */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = null;
  }

  /** Calls fn on every submodule (children first) and on this module. */
  apply(fn: (m: Module) => void): this {
    for (const child of this.children()) child.apply(fn);
    fn(this);
    return this;
  }
}
