import { defineConfig } from 'tsup';

export default defineConfig({
  // the CLI and the child process that runs a learner's code; the curriculum's checks are bundled in
  entry: { cli: 'src/cli.ts', child: 'src/runner/child.ts' },
  format: ['esm'],
  clean: true,
  sourcemap: true,
  target: 'es2022',
  splitting: true,
});
