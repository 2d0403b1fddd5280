/**
 * The release, end to end, against a real npm registry on 127.0.0.1:
 *
 * 1. in a temporary copy of the repository, a changeset for @xf/attention alone, then
 *    `pnpm version-packages`: only attention and what depends on it change version;
 * 2. `pnpm release` publishes to the local registry; the published tarballs carry real version
 *    ranges where the workspace has `workspace:` ones;
 * 3. in a fresh project outside the workspace, `npm install @xf/attention` from that registry
 *    alone pulls @xf/tensor by itself, and works from ESM, CommonJS and TypeScript.
 *
 * The real repository is only read: its versions, changesets and changelogs never change.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { copyWorkingTree } from '../src/copy.js';
import { type LocalRegistry, packageUrl, startRegistry } from '../src/registry.js';
import { type RunOptions, run } from '../src/run.js';
import { readTarball } from '../src/tarball.js';
import {
  ALL_DEPENDENCY_FIELDS,
  dependentClosure,
  isPublishable,
  listWorkspacePackages,
  type PackageJson,
  publishedRange,
  readPackageJson,
  runtimeClosure,
  type WorkspacePackage,
} from '../src/workspace.js';

/** The package the release is about: changed alone, then installed alone. */
const TARGET = '@xf/attention';
const CHANGESET_FILE = 'release-test-attention.md';
const CHANGESET_SUMMARY = 'Release test: a patch to @xf/attention alone.';

const realRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const fixtures = fileURLToPath(new URL('../fixtures/consumer', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const keepTemp = process.env.XF_KEEP_RELEASE_TMP === '1';

let tmp = '';
let repo = '';
let consumer = '';
let logFile = '';
let userNpmrc = '';
let registry: LocalRegistry | undefined;
let realVersionsBefore = new Map<string, string>();
/** The copy's packages before the version step. */
let before: WorkspacePackage[] = [];
/** The copy's packages after the version step. */
let after: WorkspacePackage[] = [];
/** @xf/attention and its dependents among the publishable packages. */
let expectedBumped: string[] = [];
let published = false;
let installed = false;

/**
 * The environment of every command: this process's, without what pnpm, npm, turbo and vitest
 * put there for the outer run, and with a user-level npmrc of its own so that the user's
 * ~/.npmrc is neither read for auth nor ever written.
 */
function commandEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|turbo_|vitest|node_options$|init_cwd$)/i.test(key)) continue;
    env[key] = value;
  }
  return {
    ...env,
    npm_config_userconfig: userNpmrc,
    npm_config_cache: join(tmp, 'npm-cache'),
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    TURBO_TELEMETRY_DISABLED: '1',
    TURBO_NO_UPDATE_NOTIFIER: '1',
    DO_NOT_TRACK: '1',
    FORCE_COLOR: '0',
    ...extra,
  };
}

function opts(cwd: string, extraEnv: Record<string, string> = {}): RunOptions {
  return { cwd, env: commandEnv(extraEnv), logFile };
}

function versions(packages: WorkspacePackage[]): Map<string, string> {
  return new Map(packages.map((p) => [p.name, p.manifest.version]));
}

function publishable(packages: WorkspacePackage[]): WorkspacePackage[] {
  return packages.filter(isPublishable);
}

function nextPatch(version: string): string {
  const [major, minor, patch] = version.split('.').map(Number);
  return `${major}.${minor}.${(patch ?? 0) + 1}`;
}

async function readIfExists(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch(() => undefined);
}

/** The files an `exports` map points at (its string leaves, not its subpath keys). */
function exportTargets(exports: unknown): string[] {
  if (typeof exports === 'string') return [exports];
  if (exports === null || typeof exports !== 'object') return [];
  return Object.values(exports).flatMap(exportTargets);
}

function need(condition: boolean, what: string): void {
  if (!condition) throw new Error(`an earlier step failed: ${what}`);
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'xf-release-'));
  repo = join(tmp, 'repo');
  consumer = join(tmp, 'consumer');
  logFile = join(tmp, 'commands.log');
  userNpmrc = join(tmp, 'user.npmrc');
  await writeFile(userNpmrc, '');
  await writeFile(logFile, '');

  realVersionsBefore = versions(await listWorkspacePackages(realRoot, opts(realRoot)));

  const startingRegistry = startRegistry(join(tmp, 'registry'));
  // Awaited below, after the copy; this only keeps an early failure from going unhandled.
  startingRegistry.catch(() => {});
  try {
    await mkdir(repo);
    await copyWorkingTree(realRoot, repo, opts(realRoot));
    // Pending changesets of the real repository are not part of this scenario.
    for (const file of await readdir(join(repo, '.changeset'))) {
      if (file.endsWith('.md') && file !== 'README.md')
        await unlink(join(repo, '.changeset', file));
    }
    const git = (...args: string[]) =>
      run(
        'git',
        ['-c', 'user.name=xf release test', '-c', 'user.email=release-test@localhost', ...args],
        opts(repo),
      );
    await git('init', '--quiet', '--initial-branch=main');
    await git('add', '--all');
    await git('commit', '--quiet', '--no-gpg-sign', '--message', 'copy of the working tree');
    // From pnpm's store: the network is only asked for what the store lacks.
    await run(
      'pnpm',
      [
        'install',
        '--frozen-lockfile',
        '--prefer-offline',
        '--ignore-scripts',
        '--reporter=append-only',
      ],
      opts(repo),
    );
  } finally {
    registry = await startingRegistry;
  }
  before = await listWorkspacePackages(repo, opts(repo));
  expectedBumped = [...dependentClosure(TARGET, before)]
    .filter((name) => publishable(before).some((p) => p.name === name))
    .sort();
});

afterAll(async () => {
  await registry?.stop();
  if (tmp && !keepTemp) await rm(tmp, { recursive: true, force: true });
  else if (tmp) console.log(`release test: kept ${tmp}`);
});

describe(`release of ${TARGET} through a local registry`, () => {
  test(`the workspace has ${TARGET}, publishable`, () => {
    const target = before.find((p) => p.name === TARGET);
    expect(target, `${TARGET} is not a workspace package`).toBeDefined();
    expect(target && isPublishable(target)).toBe(true);
    expect(expectedBumped).toContain(TARGET);
  });

  test('`pnpm changeset` writes a changeset file', async () => {
    const listChangesets = async () =>
      (await readdir(join(repo, '.changeset'))).filter(
        (f) => f.endsWith('.md') && f !== 'README.md',
      );
    expect(await listChangesets()).toEqual([]);
    // The prompts need a terminal; `--empty` takes the same path to the file without them.
    await run('pnpm', ['changeset', '--empty'], opts(repo));
    expect(await listChangesets()).toHaveLength(1);
  });

  test(`\`pnpm changeset status\` plans a patch of ${TARGET} and its dependents only`, async () => {
    await writeFile(
      join(repo, '.changeset', CHANGESET_FILE),
      `---\n"${TARGET}": patch\n---\n\n${CHANGESET_SUMMARY}\n`,
    );
    const statusFile = join(tmp, 'changeset-status.json');
    await run('pnpm', ['changeset', 'status', `--output=${statusFile}`], opts(repo));
    const status = JSON.parse(await readFile(statusFile, 'utf8')) as {
      releases: { name: string; type: string; newVersion: string }[];
    };
    const planned = status.releases.filter((r) => r.type !== 'none');
    expect(planned.map((r) => r.name).sort()).toEqual(expectedBumped);
    expect(new Set(planned.map((r) => r.type))).toEqual(new Set(['patch']));
  });

  test('`pnpm version-packages` bumps exactly those packages and writes their changelogs', async () => {
    const changelogsBefore = new Map<string, string | undefined>();
    for (const pkg of publishable(before)) {
      changelogsBefore.set(pkg.name, await readIfExists(join(pkg.dir, 'CHANGELOG.md')));
    }
    await run('pnpm', ['version-packages'], opts(repo));
    // As a release does after versioning: bring the install up to date with the new versions.
    await run(
      'pnpm',
      ['install', '--prefer-offline', '--ignore-scripts', '--reporter=append-only'],
      opts(repo),
    );
    after = await listWorkspacePackages(repo, opts(repo));

    const oldVersions = versions(before);
    const newVersions = versions(after);
    const changed = publishable(after)
      .filter((p) => newVersions.get(p.name) !== oldVersions.get(p.name))
      .map((p) => p.name)
      .sort();
    expect(changed, 'packages whose version changed').toEqual(expectedBumped);

    for (const pkg of publishable(after)) {
      const changelog = await readIfExists(join(pkg.dir, 'CHANGELOG.md'));
      const oldVersion = oldVersions.get(pkg.name) ?? '';
      if (expectedBumped.includes(pkg.name)) {
        expect(pkg.manifest.version, `${pkg.name} version`).toBe(nextPatch(oldVersion));
        expect(changelog, `${pkg.name} CHANGELOG.md`).toContain(`## ${pkg.manifest.version}`);
        if (pkg.name === TARGET) expect(changelog).toContain(CHANGESET_SUMMARY);
        else expect(changelog).toContain(`${TARGET}@${newVersions.get(TARGET)}`);
      } else {
        expect(changelog, `${pkg.name} CHANGELOG.md`).toBe(changelogsBefore.get(pkg.name));
      }
    }
    // Private packages (apps, this test) are never versioned.
    for (const pkg of after.filter((p) => !isPublishable(p))) {
      expect(pkg.manifest.version, pkg.name).toBe(oldVersions.get(pkg.name));
    }
    expect(await readdir(join(repo, '.changeset'))).not.toContain(CHANGESET_FILE);
  });

  test('`pnpm release` publishes every package to the local registry', async () => {
    need(after.length > 0 && registry !== undefined, 'version step');
    const reg = registry as LocalRegistry;
    for (const pkg of publishable(after)) {
      // A publishConfig.registry would send this package elsewhere than the local registry.
      expect(pkg.manifest.publishConfig?.registry, `${pkg.name} publishConfig.registry`).toBe(
        undefined,
      );
    }
    const git = (...args: string[]) =>
      run(
        'git',
        ['-c', 'user.name=xf release test', '-c', 'user.email=release-test@localhost', ...args],
        opts(repo),
      );
    await git('add', '--all');
    await git('commit', '--quiet', '--no-gpg-sign', '--message', 'Version packages');

    // The copy's own npmrc: the local registry, and a token for it. Nothing else is written.
    await writeFile(
      join(repo, '.npmrc'),
      `registry=${reg.url}\n${reg.authPrefix}:_authToken=${reg.token}\n`,
    );
    const registryEnv = { npm_config_registry: reg.url };
    const configured = await run('pnpm', ['config', 'get', 'registry'], opts(repo, registryEnv));
    expect(configured.trim().replace(/\/?$/, '/')).toBe(reg.url);

    // Reuse, read-only, what the outer run has built already: only changed packages rebuild.
    const realCache = join(realRoot, '.turbo', 'cache');
    const cacheEnv: Record<string, string> = existsSync(realCache)
      ? { TURBO_CACHE_DIR: realCache, TURBO_CACHE: 'local:r' }
      : {};
    await run('pnpm', ['release'], {
      ...opts(repo, { ...registryEnv, ...cacheEnv }),
      timeoutMs: 9 * 60_000,
    });

    for (const pkg of publishable(after)) {
      const response = await fetch(packageUrl(reg.url, pkg.name));
      expect(response.status, `${pkg.name} on the local registry`).toBe(200);
      const packument = (await response.json()) as {
        'dist-tags': Record<string, string>;
        versions: Record<string, unknown>;
      };
      expect(packument['dist-tags'].latest, pkg.name).toBe(pkg.manifest.version);
    }
    published = true;
  });

  test('the published tarballs have real ranges instead of workspace: ones, and their files', async () => {
    need(published, 'release');
    const reg = registry as LocalRegistry;
    const afterVersions = versions(after);
    const problems: string[] = [];
    for (const pkg of publishable(after)) {
      const packument = (await (await fetch(packageUrl(reg.url, pkg.name))).json()) as {
        versions: Record<string, { dist: { tarball: string } }>;
      };
      const tarballUrl = packument.versions[pkg.manifest.version]?.dist.tarball ?? '';
      if (!tarballUrl.startsWith(reg.url)) {
        problems.push(`${pkg.name}: tarball URL ${tarballUrl} is not on the local registry`);
        continue;
      }
      const files = readTarball(Buffer.from(await (await fetch(tarballUrl)).arrayBuffer()));
      const manifestText = files.get('package/package.json')?.toString('utf8') ?? '{}';
      const manifest = JSON.parse(manifestText) as PackageJson;

      if (manifest.name !== pkg.name || manifest.version !== pkg.manifest.version) {
        problems.push(`${pkg.name}: tarball holds ${manifest.name}@${manifest.version}`);
      }
      if (manifestText.includes('workspace:')) {
        problems.push(`${pkg.name}: published package.json still has a workspace: range`);
      }
      for (const field of ALL_DEPENDENCY_FIELDS) {
        for (const [dep, range] of Object.entries(pkg.manifest[field] ?? {})) {
          if (!range.startsWith('workspace:')) continue;
          const expected = publishedRange(range, afterVersions.get(dep) ?? '');
          const actual = manifest[field]?.[dep];
          if (actual !== expected) {
            problems.push(`${pkg.name}: ${field}.${dep} is ${actual}, expected ${expected}`);
          }
        }
      }
      const targets = exportTargets(manifest.exports).map((target) => target.replace(/^\.\//, ''));
      for (const path of ['package.json', 'README.md', 'LICENSE', ...targets]) {
        if (!files.has(`package/${path}`)) problems.push(`${pkg.name}: tarball lacks ${path}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test(`\`npm install ${TARGET}\` in a fresh project pulls its dependencies by itself`, async () => {
    need(published, 'release');
    const reg = registry as LocalRegistry;
    await mkdir(consumer);
    await cp(fixtures, consumer, { recursive: true });
    await writeFile(
      join(consumer, 'package.json'),
      `${JSON.stringify({ name: 'xf-consumer', version: '1.0.0', private: true }, null, 2)}\n`,
    );
    // This registry alone: @xf/* exist only there, everything else it fetches on demand.
    await writeFile(join(consumer, '.npmrc'), `registry=${reg.url}\n`);
    // Scripts off, as in the workspace: gpu.js's optional headless-gl addon is not compiled.
    await run('npm', ['install', TARGET, '--ignore-scripts'], opts(consumer)).catch(
      async (error: Error) => {
        // A 404 for a public package means the registry could not reach its uplink: say why.
        const registryLog = (await readIfExists(reg.logFile)) ?? '';
        throw new Error(
          `${error.message}\n--- local registry log ---\n${registryLog.slice(-3000)}`,
        );
      },
    );

    const manifest = await readPackageJson(consumer);
    const targetVersion = versions(after).get(TARGET);
    expect(manifest.dependencies).toEqual({ [TARGET]: `^${targetVersion}` });

    const expectedXf = [...runtimeClosure(TARGET, after)].sort();
    expect(expectedXf).toContain('@xf/tensor');
    const installedXf = (await readdir(join(consumer, 'node_modules', '@xf'))).map(
      (n) => `@xf/${n}`,
    );
    expect(installedXf.sort()).toEqual(expectedXf);
    for (const name of expectedXf) {
      const installedManifest = await readPackageJson(join(consumer, 'node_modules', name));
      expect(installedManifest.version, name).toBe(versions(after).get(name));
    }

    const lock = JSON.parse(await readFile(join(consumer, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { resolved?: string }>;
    };
    for (const [path, entry] of Object.entries(lock.packages)) {
      if (!path) continue;
      expect(entry.resolved?.startsWith(reg.url), `${path} resolved from ${entry.resolved}`).toBe(
        true,
      );
    }
    installed = true;
  });

  // Small enough to do by hand: q [3, 2], k [3, 2], v [3, 2].
  const q = [
    [1, 0],
    [0, 2],
    [1, 1],
  ];
  const k = [
    [1, 0],
    [0, 1],
    [1, 1],
  ];
  const v = [
    [1, 2],
    [3, 4],
    [5, 6],
  ];

  /** softmax(q kᵀ / √E) v row by row, the causal case masking keys after the query. */
  function byHand(causal: boolean): number[] {
    const scale = 1 / Math.sqrt(2);
    return q.flatMap((qi, i) => {
      const scores = k.map((kj, j) =>
        causal && j > i ? Number.NEGATIVE_INFINITY : (qi[0]! * kj[0]! + qi[1]! * kj[1]!) * scale,
      );
      const weights = scores.map((s) => Math.exp(s));
      const total = weights.reduce((a, b) => a + b, 0);
      return [0, 1].map((c) => weights.reduce((acc, w, j) => acc + w * v[j]![c]!, 0) / total);
    });
  }

  interface ConsumerOutput {
    entry: string;
    plain: { shape: number[]; data: number[] };
    causal: { shape: number[]; data: number[] };
  }

  function expectAttention(output: ConsumerOutput): void {
    expect(output.plain.shape).toEqual([3, 2]);
    expect(output.causal.shape).toEqual([3, 2]);
    // The first query sees only the first key under the causal mask: exactly v[0].
    expect(output.causal.data.slice(0, 2)).toEqual([1, 2]);
    // Row 1 by hand: scores (0, 2, 2)/√2 ⇒ weights e^0, e^√2, e^√2 over keys 0..2.
    const e = Math.exp(Math.SQRT2);
    const row1 = [(1 + 3 * e + 5 * e) / (1 + 2 * e), (2 + 4 * e + 6 * e) / (1 + 2 * e)];
    expect(output.plain.data[2]).toBeCloseTo(row1[0]!, 5);
    expect(output.plain.data[3]).toBeCloseTo(row1[1]!, 5);
    for (const [which, expected] of [
      ['plain', byHand(false)],
      ['causal', byHand(true)],
    ] as const) {
      const data = output[which].data;
      expect(data.length).toBe(expected.length);
      for (const [i, x] of expected.entries()) {
        expect(data[i], `${which}[${i}]`).toBeCloseTo(x, 5);
      }
    }
  }

  async function runConsumer(file: string): Promise<ConsumerOutput> {
    need(installed, 'install');
    const output = await run('node', [file, JSON.stringify({ q, k, v })], opts(consumer));
    const lastLine = output.trim().split('\n').at(-1) ?? '';
    return JSON.parse(lastLine) as ConsumerOutput;
  }

  test('`import` from an ES module computes attention', async () => {
    const output = await runConsumer('esm.mjs');
    expect(output.entry).toMatch(/node_modules\/@xf\/attention\/dist\/index\.js$/);
    expectAttention(output);
  });

  test('`require` from CommonJS computes attention', async () => {
    const output = await runConsumer('cjs.cjs');
    expect(output.entry).toMatch(/node_modules\/@xf\/attention\/dist\/index\.cjs$/);
    expectAttention(output);
  });

  test('`tsc --noEmit` passes on a TypeScript consumer under node16 resolution', async () => {
    need(installed, 'install');
    const listed = await run(
      'node',
      [tsc, '-p', 'tsconfig.node16.json', '--listFiles'],
      opts(consumer),
    );
    const files = listed.split('\n').map((line) => relative(consumer, line.trim()));
    // The ESM file reads the `import` types, the CommonJS file the `require` ones.
    expect(files).toContain('node_modules/@xf/attention/dist/index.d.ts');
    expect(files).toContain('node_modules/@xf/attention/dist/index.d.cts');
  });

  test('`tsc --noEmit` passes on a TypeScript consumer under bundler resolution', async () => {
    need(installed, 'install');
    const listed = await run(
      'node',
      [tsc, '-p', 'tsconfig.bundler.json', '--listFiles'],
      opts(consumer),
    );
    const files = listed.split('\n').map((line) => relative(consumer, line.trim()));
    expect(files).toContain('node_modules/@xf/attention/dist/index.d.ts');
  });

  test('the real repository kept its versions and has no trace of the release', async () => {
    const now = versions(await listWorkspacePackages(realRoot, opts(realRoot)));
    expect(now).toEqual(realVersionsBefore);
    expect(await readdir(join(realRoot, '.changeset'))).not.toContain(CHANGESET_FILE);
    expect((await readIfExists(join(realRoot, '.npmrc'))) ?? '').not.toContain('127.0.0.1');
  });
});
