import { defineConfig } from 'tsup';

export default defineConfig({
  // the main entry runs in browsers too; file-system code lives in the node entry
  entry: { index: 'src/index.ts', 'node/index': 'src/node/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
});
