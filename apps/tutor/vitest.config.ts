import { defineConfig } from 'vitest/config';

export default defineConfig({
  // tests start child processes that load TypeScript with tsx; never timed, only bounded
  test: { include: ['test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
});
