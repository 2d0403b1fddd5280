/**
 * Where a model's parameters are: counts grouped by component, as data and as a table.
 * Generic: the caller says which group each parameter belongs to (a path of labels, e.g.
 * ['layers.0', 'attention']); encoder-parameters.ts does this for the encoder, and any other
 * model (a decoder) can do the same and reuse the formatting.
 */
import type { nn, Tensor } from '@xf/tensor';

export interface ParameterGroup {
  name: string;
  /** Learnable values in this group, its subgroups included. */
  count: number;
  /** The parameters' own names (dotted, as in the state dict) directly in this group or below. */
  parameters: string[];
  children: ParameterGroup[];
  /** What the group is, e.g. 'token embedding [vocab, C]'. */
  note?: string;
}

export interface ParameterBreakdown {
  groups: ParameterGroup[];
  /** Sum of the groups: module.numParameters(), shared parameters counted once. */
  total: number;
}

/** The group path of a parameter, from its dotted name, e.g. ['layers.0', 'attention']. */
export type ParameterClassifier = (name: string, parameter: Tensor) => readonly string[];

export interface ParameterBreakdownOptions {
  /** Groups listed first and in this order, even with no parameters (e.g. a fixed positional table). */
  groups?: readonly (readonly string[])[];
}

function findOrAdd(list: ParameterGroup[], name: string): ParameterGroup {
  let group = list.find((g) => g.name === name);
  if (!group) {
    group = { name, count: 0, parameters: [], children: [] };
    list.push(group);
  }
  return group;
}

/** Counts module's parameters (each shared parameter once) into the groups `classify` names. */
export function parameterBreakdown(
  module: nn.Module,
  classify: ParameterClassifier,
  options: ParameterBreakdownOptions = {},
): ParameterBreakdown {
  const groups: ParameterGroup[] = [];
  for (const path of options.groups ?? []) {
    let list = groups;
    for (const name of path) list = findOrAdd(list, name).children;
  }
  let total = 0;
  for (const [name, p] of module.namedParameters()) {
    const path = classify(name, p);
    if (path.length === 0) {
      throw new Error(`parameterBreakdown: no group for parameter ${name}`);
    }
    const n = p.numel();
    total += n;
    let list = groups;
    for (const label of path) {
      const group = findOrAdd(list, label);
      group.count += n;
      group.parameters.push(name);
      list = group.children;
    }
  }
  return { groups, total };
}

/** 1234567 → '1,234,567', the same in every locale. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * The breakdown as an aligned table: one line per group (subgroups indented), its count and
 * its share of the total, and the total last.
 */
export function formatParameterBreakdown(breakdown: ParameterBreakdown): string {
  const rows: [string, number, string][] = [];
  const walk = (list: ParameterGroup[], depth: number) => {
    for (const g of list) {
      rows.push([`${'  '.repeat(depth)}${g.name}`, g.count, g.note ?? '']);
      walk(g.children, depth + 1);
    }
  };
  walk(breakdown.groups, 0);
  rows.push(['total', breakdown.total, '']);
  const nameWidth = Math.max('component'.length, ...rows.map(([name]) => name.length));
  const countWidth = Math.max('parameters'.length, ...rows.map(([, n]) => formatCount(n).length));
  const share = (n: number) =>
    breakdown.total === 0 ? '-' : `${((100 * n) / breakdown.total).toFixed(1)}%`;
  const line = (name: string, count: string, pct: string, note: string) =>
    `${name.padEnd(nameWidth)}  ${count.padStart(countWidth)}  ${pct.padStart(6)}${note ? `  ${note}` : ''}`;
  return [
    line('component', 'parameters', 'share', ''),
    ...rows.map(([name, n, note]) => line(name, formatCount(n), share(n), note)),
  ].join('\n');
}
