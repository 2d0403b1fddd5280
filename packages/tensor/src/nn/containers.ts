import { Module } from './module.js';

/** An indexable list of modules; its items are named 0, 1, 2, ... in state dicts. */
export class ModuleList<M extends Module = Module> extends Module {
  constructor(modules: Iterable<M> = []) {
    super();
    for (const m of modules) this.push(m);
  }

  get length(): number {
    return this.namedChildren().filter(([k]) => /^\d+$/.test(k)).length;
  }

  push(module: M): this {
    (this as unknown as Record<string, M>)[String(this.length)] = module;
    return this;
  }

  at(index: number): M {
    const i = index < 0 ? index + this.length : index;
    const m = (this as unknown as Record<string, M>)[String(i)];
    if (!m) throw new Error(`ModuleList: index ${index} is out of range for length ${this.length}`);
    return m;
  }

  *[Symbol.iterator](): Iterator<M> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }
}

/** Runs modules one after another, each taking the previous output. */
export class Sequential extends ModuleList {
  constructor(...modules: Module[]) {
    super(modules);
  }

  override forward(input: unknown): unknown {
    let x = input;
    for (const m of this) x = m.forward(x);
    return x;
  }
}
