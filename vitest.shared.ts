import { defineConfig } from 'vitest/config';

/**
 * The test settings every package shares. Timeouts are generous bounds, not measurements:
 * CI machines are small and run several packages' tests at once, headless-gl compiles each
 * kernel shape on first use, and no test asserts on time.
 */
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 },
});
