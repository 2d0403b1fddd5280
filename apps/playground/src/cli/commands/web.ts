/**
 * pnpm playground web: serves the page (web/) with Vite on 127.0.0.1. The page trains in the
 * browser; its corpora are the JSON files the build extracted from the npm packages.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pc from 'picocolors';
import { webDataDir } from '../../node/web-data.js';
import { type FlagValue, UsageError } from '../args.js';

/** The page's sources: web/ beside dist/. */
function webRoot(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'web');
}

export async function webCommand(flags: Record<string, FlagValue>): Promise<number> {
  const port = flags.port as number | undefined;
  if (port !== undefined && (port < 0 || port > 65535)) {
    throw new UsageError(`--port must be between 0 and 65535, got ${port}`);
  }
  const data = webDataDir();
  if (!existsSync(join(data, 'data', 'names.json'))) {
    throw new Error(
      `the page's data is missing from ${data}; build the playground first: pnpm --filter @xf/playground build`,
    );
  }
  const { createServer } = await import('vite');
  const server = await createServer({
    configFile: false,
    root: webRoot(),
    publicDir: data,
    logLevel: 'warn',
    clearScreen: false,
    server: { host: '127.0.0.1', port: port ?? 5173, strictPort: port !== undefined },
    // gpu.js is CommonJS: prebundle it (it arrives through the linked @xf/tensor)
    optimizeDeps: { include: ['@xf/tensor > gpu.js'] },
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${server.config.server.port}/`;
  process.stdout.write(`${pc.bold('xf playground')} serving the page at ${pc.cyan(url)}\n`);
  process.stdout.write(pc.dim('train in the browser; Ctrl-C stops the server\n'));
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      server.close().then(resolve, resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}
