import { defineConfig } from 'vitest/config';

export default defineConfig({
  // generous: CI machines are small and shared; no test asserts on time
  test: { include: ['test/**/*.test.ts'], testTimeout: 60_000 },
});
