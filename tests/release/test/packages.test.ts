/**
 * Every publishable package, packed as it will be published: `publint --strict`, `attw`, the
 * package.json fields a release relies on, and a README that starts with its install line.
 * The checks themselves live in scripts/check-packages.mjs (`pnpm check-packages`).
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

function checkPackages(): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(root, 'scripts', 'check-packages.mjs')],
      { cwd: root, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        done({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

function listPackages(): Promise<{ name: string; path: string; private: boolean }[]> {
  return new Promise((done, fail) => {
    execFile(
      'pnpm',
      ['ls', '--recursive', '--depth', '-1', '--json'],
      { cwd: root },
      (error, out) => (error ? fail(error) : done(JSON.parse(out))),
    );
  });
}

test('publint --strict, attw, package fields and README install line pass for every package', async () => {
  const { code, output } = await checkPackages();
  // The script's report names each failing package and what it lacks.
  expect(code, output).toBe(0);
});

test('the release test depends on every publishable package, so turbo builds them first', async () => {
  const own = JSON.parse(
    await readFile(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8'),
  ) as { devDependencies: Record<string, string> };
  const publishable = (await listPackages())
    .filter((p) => p.path !== root && !p.private)
    .map((p) => p.name)
    .sort();
  const declared = Object.entries(own.devDependencies)
    .filter(([, range]) => range === 'workspace:*')
    .map(([name]) => name)
    .sort();
  expect(declared).toEqual(publishable);
});
