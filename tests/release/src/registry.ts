import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface LocalRegistry {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** The `//127.0.0.1:<port>/` prefix that auth settings in an .npmrc are keyed by. */
  authPrefix: string;
  /** A token of a user created on this registry, allowed to publish. */
  token: string;
  logFile: string;
  stop(): Promise<void>;
}

const serverScript = fileURLToPath(new URL('./registry-server.mjs', import.meta.url));

/** Scoped packages go into the URL with their slash escaped, as npm sends them. */
export function packageUrl(registryUrl: string, name: string): string {
  return `${registryUrl}${name.replace('/', '%2f')}`;
}

/**
 * verdaccio's config: everything lives under `dir`. `@xf/*` exists only here (never proxied,
 * so an install can only get it from what the test published); any other package is fetched
 * from the public registry on demand, read-only (gpu.js and its dependencies).
 */
function configYaml(dir: string): string {
  return [
    `storage: ${JSON.stringify(join(dir, 'storage'))}`,
    'auth:',
    '  htpasswd:',
    `    file: ${JSON.stringify(join(dir, 'htpasswd'))}`,
    'uplinks:',
    '  npmjs:',
    '    url: https://registry.npmjs.org/',
    '    timeout: 60s',
    'packages:',
    "  '@xf/*':",
    '    access: $all',
    '    publish: $authenticated',
    "  '**':",
    '    access: $all',
    '    publish: $authenticated',
    '    proxy: npmjs',
    'max_body_size: 100mb',
    'web:',
    '  enable: false',
    'middlewares:',
    '  audit:',
    '    enabled: false',
    'log:',
    '  type: stdout',
    '  format: pretty',
    '  level: warn',
    '',
  ].join('\n');
}

function waitForPort(child: ChildProcess, logFile: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`local registry ${why}\n${readFileSync(logFile, 'utf8').slice(-4000)}`));
    };
    const timer = setTimeout(() => fail(`did not start within ${timeoutMs} ms`), timeoutMs);
    child.once('message', (message: { port?: number }) => {
      clearTimeout(timer);
      if (typeof message?.port === 'number') resolve(message.port);
      else fail(`sent an unexpected message: ${JSON.stringify(message)}`);
    });
    child.once('exit', (code) => fail(`exited with ${code} before listening`));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    // The server exits when its IPC channel closes; SIGTERM in case it is stuck.
    if (child.connected) child.disconnect();
    child.kill('SIGTERM');
  });
}

/** Starts verdaccio on 127.0.0.1 on a free port, with its storage in `dir`, and a publisher. */
export async function startRegistry(dir: string): Promise<LocalRegistry> {
  mkdirSync(dir, { recursive: true });
  const configPath = join(dir, 'config.yaml');
  writeFileSync(configPath, configYaml(dir));
  const logFile = join(dir, 'registry.log');
  const log = openSync(logFile, 'a');
  const child = fork(serverScript, [configPath], {
    cwd: dir,
    stdio: ['ignore', log, log, 'ipc'],
    // verdaccio must not inherit the test runner's loader flags.
    execArgv: [],
  });
  try {
    const port = await waitForPort(child, logFile, 60_000);
    const url = `http://127.0.0.1:${port}/`;
    const user = 'xf-release-test';
    const response = await fetch(`${url}-/user/org.couchdb.user:${user}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: user,
        password: 'local-registry-only',
        type: 'user',
        roles: [],
      }),
    });
    const body = (await response.json()) as { token?: string };
    if (!response.ok || !body.token) {
      throw new Error(`local registry: could not add a user: ${JSON.stringify(body)}`);
    }
    return {
      url,
      authPrefix: `//127.0.0.1:${port}/`,
      token: body.token,
      logFile,
      stop: () => stopChild(child),
    };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}
