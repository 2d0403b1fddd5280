#!/usr/bin/env node
// Checks every publishable package of the workspace the way a user will receive it: packs it
// with pnpm (so `workspace:` ranges become real ones), then runs `publint --strict` and
// `attw` (Are the Types Wrong?, strict profile: node10, node16 from CJS and from ESM, bundler)
// on the tarball, and checks the package.json fields and README that a release relies on.
// Packages must be built first. Exits non-zero naming each package that fails and why.
//
//   node scripts/check-packages.mjs [--json <file>] [@xf/name ...]

import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const RUNTIME_DEPENDENCY_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies'];
const CONCURRENCY = 3;

function exec(command, args, cwd) {
  return new Promise((resolvePromise) => {
    execFile(command, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolvePromise({ code: error ? (error.code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

/** The path of a command-line tool that a root devDependency provides. */
function binOf(packageName, binName) {
  const manifestPath = join(root, 'node_modules', packageName, 'package.json');
  const { bin } = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const path = typeof bin === 'string' ? bin : bin[binName];
  return join(manifestPath, '..', path);
}

async function workspacePackages() {
  const { code, output } = await exec(
    'pnpm',
    ['ls', '--recursive', '--depth', '-1', '--json'],
    root,
  );
  if (code !== 0) throw new Error(`check-packages: pnpm ls failed\n${output}`);
  return JSON.parse(output)
    .filter((entry) => entry.path !== root)
    .map((entry) => ({
      dir: entry.path,
      manifest: JSON.parse(readFileSync(join(entry.path, 'package.json'), 'utf8')),
    }))
    .map((pkg) => ({ ...pkg, name: pkg.manifest.name, rel: relative(root, pkg.dir) }));
}

/** The `import`/`require` conditions of one export, each an object with `types` first. */
function checkConditions(subpath, entry, problems) {
  if (entry === null || typeof entry !== 'object') {
    problems.push(`exports["${subpath}"] must have import and require conditions`);
    return;
  }
  for (const condition of ['import', 'require']) {
    const target = entry[condition];
    if (target === null || typeof target !== 'object') {
      problems.push(`exports["${subpath}"].${condition} must be { types, default }`);
      continue;
    }
    const keys = Object.keys(target);
    if (keys[0] !== 'types') {
      problems.push(`exports["${subpath}"].${condition}: "types" must come first`);
    }
    if (!keys.includes('default')) {
      problems.push(`exports["${subpath}"].${condition} has no "default"`);
    }
  }
}

/** The first content after the title must be a code block whose first line installs it. */
function checkReadme(pkg, problems) {
  const path = join(pkg.dir, 'README.md');
  if (!existsSync(path)) {
    problems.push(`README.md is missing (it must start with \`npm i ${pkg.name}\`)`);
    return;
  }
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  let i = 0;
  while (i < lines.length && lines[i].startsWith('#')) i++;
  const fenced = lines[i]?.startsWith('```') ?? false;
  const install = fenced ? lines[i + 1] : lines[i];
  const pattern = new RegExp(
    `^(npm (i|install)|pnpm add|yarn add) ${pkg.name.replace('/', '\\/')}$`,
  );
  if (!install || !pattern.test(install)) {
    problems.push(
      `README.md must start (after its title) with its install line \`npm i ${pkg.name}\`; ` +
        `found ${JSON.stringify(install ?? '')}`,
    );
  }
}

function checkManifest(pkg, names, privateNames, problems) {
  const m = pkg.manifest;
  if (m.sideEffects !== false) problems.push('package.json: "sideEffects" must be false');
  if (!m.engines?.node) problems.push('package.json: "engines.node" is missing');
  if (m.publishConfig?.access !== 'public') {
    problems.push('package.json: "publishConfig.access" must be "public"');
  }
  if (m.publishConfig?.registry) {
    problems.push('package.json: "publishConfig.registry" would bypass the configured registry');
  }
  if (!m.license) problems.push('package.json: "license" is missing');
  if (!existsSync(join(pkg.dir, 'LICENSE'))) problems.push('LICENSE file is missing');
  if (!Array.isArray(m.files) || !m.files.includes('dist')) {
    problems.push('package.json: "files" must list "dist"');
  }
  const exportsMap = m.exports;
  if (exportsMap === null || typeof exportsMap !== 'object' || !('.' in exportsMap)) {
    problems.push('package.json: "exports" must have "."');
  } else {
    for (const [subpath, entry] of Object.entries(exportsMap)) {
      if (subpath === './package.json') continue;
      checkConditions(subpath, entry, problems);
    }
    if (exportsMap['./package.json'] !== './package.json') {
      problems.push('package.json: exports["./package.json"] must be "./package.json"');
    }
  }
  for (const field of RUNTIME_DEPENDENCY_FIELDS) {
    for (const [dep, range] of Object.entries(m[field] ?? {})) {
      if (!names.has(dep)) continue;
      if (privateNames.has(dep)) problems.push(`${field}: ${dep} is private and never published`);
      if (range !== 'workspace:^') {
        problems.push(`${field}: internal dependency ${dep} must be "workspace:^" (is "${range}")`);
      }
    }
  }
}

async function packAndLint(pkg, packDir, problems) {
  const packed = await exec('pnpm', ['pack', '--pack-destination', packDir, '--json'], pkg.dir);
  if (packed.code !== 0) {
    problems.push(`pnpm pack failed:\n${packed.output}`);
    return;
  }
  const jsonStart = packed.output.indexOf('{');
  const tarball = JSON.parse(
    packed.output.slice(jsonStart, packed.output.lastIndexOf('}') + 1),
  ).filename;
  const publint = await exec(
    process.execPath,
    [binOf('publint', 'publint'), 'run', tarball, '--strict'],
    pkg.dir,
  );
  if (publint.code !== 0) problems.push(`publint --strict failed:\n${publint.output.trim()}`);
  const attw = await exec(
    process.execPath,
    [binOf('@arethetypeswrong/cli', 'attw'), tarball, '--profile', 'strict', '--format', 'ascii'],
    pkg.dir,
  );
  if (attw.code !== 0) problems.push(`attw --profile strict failed:\n${attw.output.trim()}`);
}

async function main() {
  const args = process.argv.slice(2);
  const jsonAt = args.indexOf('--json');
  const jsonFile = jsonAt === -1 ? undefined : args.splice(jsonAt, 2)[1];
  const only = new Set(args);

  const all = await workspacePackages();
  const names = new Set(all.map((p) => p.name));
  const privateNames = new Set(all.filter((p) => p.manifest.private === true).map((p) => p.name));
  const results = {};

  // Apps are never published.
  for (const pkg of all) {
    if (pkg.rel.startsWith('apps/') && pkg.manifest.private !== true) {
      results[pkg.name] = [`${pkg.rel} is an app: its package.json must say "private": true`];
    }
  }

  const publishable = all.filter(
    (p) => p.manifest.private !== true && (only.size === 0 || only.has(p.name)),
  );
  for (const pkg of publishable) {
    if (!pkg.rel.startsWith('packages/')) {
      results[pkg.name] = [
        `${pkg.rel} is publishable but outside packages/, which \`pnpm release\` builds`,
      ];
    }
  }
  for (const name of only) {
    if (!publishable.some((p) => p.name === name)) results[name] = ['not a publishable package'];
  }
  const packDir = await mkdtemp(join(tmpdir(), 'xf-check-packages-'));
  try {
    const queue = [...publishable];
    const worker = async () => {
      for (let pkg = queue.shift(); pkg; pkg = queue.shift()) {
        const problems = results[pkg.name] ?? [];
        checkManifest(pkg, names, privateNames, problems);
        checkReadme(pkg, problems);
        const dist = join(pkg.dir, 'dist');
        if (existsSync(dist)) await packAndLint(pkg, packDir, problems);
        else problems.push(`dist/ is missing: build it first (pnpm --filter ${pkg.name} build)`);
        results[pkg.name] = problems;
        console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${pkg.name}`);
      }
    };
    // Every worker finishes before the pack folder goes, even when one of them throws.
    const settled = await Promise.allSettled(Array.from({ length: CONCURRENCY }, worker));
    for (const outcome of settled) if (outcome.status === 'rejected') throw outcome.reason;
  } finally {
    await rm(packDir, { recursive: true, force: true });
  }

  if (jsonFile) writeFileSync(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
  const failed = Object.entries(results).filter(([, problems]) => problems.length > 0);
  if (failed.length === 0) {
    console.log(`check-packages: ${publishable.length} packages pass publint --strict and attw`);
    return;
  }
  for (const [name, problems] of failed) {
    console.error(`\ncheck-packages: ${name} fails:`);
    for (const problem of problems) console.error(`  - ${problem.replace(/\n/g, '\n    ')}`);
  }
  console.error(`\ncheck-packages: ${failed.map(([name]) => name).join(', ')} failed`);
  process.exitCode = 1;
}

await main();
