/** A concept's lesson, for the terminal and as README.md in the workspace. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExerciseRef } from '../curriculum/registry.js';
import type { ConceptDef } from '../curriculum/types.js';
import { renderMarkdown } from '../ui/markdown.js';
import { exerciseFileName, lessonFile } from '../workspace/files.js';

const ESC = String.fromCharCode(27);
const stripAnsi = (s: string): string =>
  s
    .split(ESC)
    .map((part, i) => (i === 0 ? part : part.replace(/^\[[0-9;]*m/, '')))
    .join('');

export function renderLesson(
  concept: ConceptDef,
  options: { width: number; color: boolean },
): string {
  const source = readFileSync(lessonFile(concept), 'utf8');
  return renderMarkdown(source, {
    ...options,
    visual: (name) => {
      const draw = concept.visuals?.[name];
      if (!draw) return undefined;
      const picture = draw(options.width);
      // the README gets the picture without colours
      return options.color ? picture : stripAnsi(picture);
    },
  });
}

/** <workspace>/<concept>/README.md: the lesson and the exercise list, plain text. */
export function writeConceptReadme(
  workspace: string,
  concept: ConceptDef,
  refs: ExerciseRef[],
): void {
  const lesson = renderLesson(concept, { width: 96, color: false });
  const exercises = refs
    .map(
      (r) =>
        `  ${exerciseFileName(r).padEnd(26)} ${r.exercise.check.title}\n  ${' '.repeat(26)} checked against ${r.exercise.check.reference}`,
    )
    .join('\n');
  const text =
    `${lesson}\n\nExercises (edit the files; \`pnpm tutor start ${concept.id}\` checks them as you save,\n` +
    `\`pnpm tutor verify ${concept.id}\` checks them once):\n\n${exercises}\n`;
  writeFileSync(join(workspace, concept.id, 'README.md'), text);
}
