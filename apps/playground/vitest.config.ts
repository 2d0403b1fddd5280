import { defineConfig } from 'vitest/config';

export default defineConfig({
  // tests spawn the built CLI and a browser; never timed, only bounded
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // training runs are CPU-bound: one file at a time keeps them from starving each other
    fileParallelism: false,
  },
});
