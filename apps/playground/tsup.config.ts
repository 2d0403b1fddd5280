import { defineConfig } from 'tsup';

export default defineConfig({
  // the CLI, and the script that extracts the corpora the web page serves
  entry: { cli: 'src/cli.ts', 'extract-web-data': 'src/extract-web-data.ts' },
  format: ['esm'],
  clean: true,
  sourcemap: true,
  target: 'es2022',
  splitting: true,
});
