import { defineConfig } from 'vitest/config';

export default defineConfig({
  // headless-gl compiles each kernel shape on first use (slow on a software rasteriser); tests never assert on time
  test: { include: ['test/**/*.test.ts'], testTimeout: 60_000 },
});
