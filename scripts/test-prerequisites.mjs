#!/usr/bin/env node
// What the test suite needs from the system besides Node: Debian's Chromium for the browser
// test, and util-linux's `script` for the tests that drive a terminal. Installs what is missing
// with apt when it can (root on Debian, as in CI and fresh containers); otherwise says, in one
// line, what to install, and fails before any test runs.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const needs = [
  { what: "Debian's Chromium (the browser test)", file: '/usr/bin/chromium', apt: 'chromium' },
  { what: "util-linux's script (the terminal tests)", file: '/usr/bin/script', apt: 'bsdutils' },
];

const missing = needs.filter((n) => !existsSync(n.file));
if (missing.length > 0) {
  const packages = missing.map((n) => n.apt);
  const canApt = existsSync('/usr/bin/apt-get') && process.getuid?.() === 0;
  if (!canApt) {
    console.error(
      `tests: missing ${missing.map((n) => n.what).join(' and ')}; install with: sudo apt-get install -y ${packages.join(' ')}`,
    );
    process.exit(1);
  }
  console.log(
    `tests: installing ${packages.join(', ')} with apt-get (${missing.map((n) => n.what).join(', ')})`,
  );
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
}
