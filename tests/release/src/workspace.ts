import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type RunOptions, run } from './run.js';

export interface PackageJson {
  name: string;
  version: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  publishConfig?: Record<string, unknown>;
  exports?: unknown;
  [field: string]: unknown;
}

export interface WorkspacePackage {
  name: string;
  dir: string;
  manifest: PackageJson;
}

/** The dependency fields that a published package brings along when it is installed. */
export const RUNTIME_DEPENDENCY_FIELDS = [
  'dependencies',
  'peerDependencies',
  'optionalDependencies',
] as const;

export const ALL_DEPENDENCY_FIELDS = [...RUNTIME_DEPENDENCY_FIELDS, 'devDependencies'] as const;

export async function readPackageJson(dir: string): Promise<PackageJson> {
  return JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as PackageJson;
}

/** Every package of the workspace at `root` (not the root itself), as pnpm sees them. */
export async function listWorkspacePackages(
  root: string,
  options: RunOptions,
): Promise<WorkspacePackage[]> {
  const listed = JSON.parse(
    await run('pnpm', ['ls', '--recursive', '--depth', '-1', '--json'], { ...options, cwd: root }),
  ) as { name: string; path: string }[];
  const packages: WorkspacePackage[] = [];
  for (const { path } of listed) {
    if (path === root) continue;
    packages.push({ name: '', dir: path, manifest: await readPackageJson(path) });
  }
  for (const pkg of packages) pkg.name = pkg.manifest.name;
  return packages.sort((a, b) => a.name.localeCompare(b.name));
}

export function isPublishable(pkg: WorkspacePackage): boolean {
  return pkg.manifest.private !== true;
}

/** The workspace packages that `pkg` needs at run time, directly. */
export function internalRuntimeDependencies(
  pkg: WorkspacePackage,
  packages: WorkspacePackage[],
): string[] {
  const names = new Set(packages.map((p) => p.name));
  const deps = new Set<string>();
  for (const field of RUNTIME_DEPENDENCY_FIELDS) {
    for (const dep of Object.keys(pkg.manifest[field] ?? {})) if (names.has(dep)) deps.add(dep);
  }
  return [...deps].sort();
}

/** `name` and everything it needs at run time, through any number of workspace packages. */
export function runtimeClosure(name: string, packages: WorkspacePackage[]): Set<string> {
  const byName = new Map(packages.map((p) => [p.name, p]));
  const found = new Set<string>();
  const visit = (current: string) => {
    if (found.has(current)) return;
    found.add(current);
    const pkg = byName.get(current);
    if (pkg) for (const dep of internalRuntimeDependencies(pkg, packages)) visit(dep);
  };
  visit(name);
  return found;
}

/** `name` and every package that depends on it at run time, directly or through others. */
export function dependentClosure(name: string, packages: WorkspacePackage[]): Set<string> {
  const found = new Set<string>([name]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const pkg of packages) {
      if (found.has(pkg.name)) continue;
      if (internalRuntimeDependencies(pkg, packages).some((dep) => found.has(dep))) {
        found.add(pkg.name);
        grew = true;
      }
    }
  }
  return found;
}

/**
 * The range a `workspace:` range becomes when pnpm packs the package, given the version of the
 * dependency in the workspace at that moment.
 */
export function publishedRange(workspaceRange: string, version: string): string {
  const range = workspaceRange.replace(/^workspace:/, '');
  if (range === '*') return version;
  if (range === '^' || range === '~') return `${range}${version}`;
  return range;
}
