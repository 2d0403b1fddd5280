/**
 * The learner's files: <workspace>/<concept>/<nn>-<name>.ts, written from the exercise's stub
 * and never overwritten (only `reset` replaces one, after keeping a backup). The workspace also
 * gets a package.json ("type": "module", so tsx loads the files as ES modules), a tsconfig.json
 * for editors, and the @xf links.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExerciseRef } from '../curriculum/registry.js';
import type { ConceptDef } from '../curriculum/types.js';
import { curriculumDir } from '../paths.js';
import { ensureLinks } from './links.js';

const PACKAGE_JSON = `${JSON.stringify(
  {
    name: 'xf-workspace',
    private: true,
    type: 'module',
    description: 'Your exercises for the xf tutor.',
  },
  null,
  2,
)}\n`;

const TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      allowImportingTsExtensions: true,
      types: [],
    },
    include: ['**/*.ts'],
    exclude: ['node_modules'],
  },
  null,
  2,
)}\n`;

export const exerciseFileName = (ref: ExerciseRef): string =>
  `${String(ref.index + 1).padStart(2, '0')}-${ref.exercise.name}.ts`;

export const exerciseFile = (workspace: string, ref: ExerciseRef): string =>
  join(workspace, ref.concept.id, exerciseFileName(ref));

export const exerciseSourceDir = (ref: ExerciseRef): string =>
  join(curriculumDir(), ref.concept.id, 'exercises', ref.exercise.name);

export const stubFile = (ref: ExerciseRef): string => join(exerciseSourceDir(ref), 'stub.ts');
export const solutionFile = (ref: ExerciseRef): string =>
  join(exerciseSourceDir(ref), 'solution.ts');
export const hintFile = (ref: ExerciseRef): string => join(exerciseSourceDir(ref), 'hint.md');
export const lessonFile = (concept: ConceptDef): string =>
  join(curriculumDir(), concept.id, 'lesson.md');

/** The hint levels of an exercise (hint.md split on lines of `---`). */
export function hintLevels(ref: ExerciseRef): string[] {
  if (!existsSync(hintFile(ref))) return [];
  return readFileSync(hintFile(ref), 'utf8')
    .split(/^---\s*$/m)
    .map((h) => h.trim())
    .filter((h) => h.length > 0);
}

/** Workspace scaffolding: package.json, tsconfig.json and the @xf links. */
export function prepareWorkspace(workspace: string): void {
  mkdirSync(workspace, { recursive: true });
  const pkg = join(workspace, 'package.json');
  if (!existsSync(pkg)) writeFileSync(pkg, PACKAGE_JSON);
  const tsconfig = join(workspace, 'tsconfig.json');
  if (!existsSync(tsconfig)) writeFileSync(tsconfig, TSCONFIG);
  ensureLinks(workspace);
}

/** Writes the stubs of a concept that are not there yet; returns the files it created. */
export function writeExerciseFiles(workspace: string, refs: ExerciseRef[]): string[] {
  const created: string[] = [];
  for (const ref of refs) {
    const file = exerciseFile(workspace, ref);
    if (existsSync(file)) continue;
    mkdirSync(join(workspace, ref.concept.id), { recursive: true });
    copyFileSync(stubFile(ref), file);
    created.push(file);
  }
  return created;
}

/** Puts the stub back; the learner's version is kept in .xf-tutor/backups. Returns the backup path. */
export function resetExerciseFile(workspace: string, ref: ExerciseRef): string | undefined {
  const file = exerciseFile(workspace, ref);
  let backup: string | undefined;
  if (existsSync(file)) {
    const dir = join(workspace, '.xf-tutor', 'backups');
    mkdirSync(dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    backup = join(
      dir,
      `${ref.concept.id}-${exerciseFileName(ref).replace(/\.ts$/, '')}-${stamp}.ts`,
    );
    copyFileSync(file, backup);
  }
  mkdirSync(join(workspace, ref.concept.id), { recursive: true });
  copyFileSync(stubFile(ref), file);
  return backup;
}
