import { defineConfig } from 'vitest/config';

// The release test builds, publishes and installs for real: minutes, not milliseconds.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 10 * 60_000,
    hookTimeout: 10 * 60_000,
  },
});
