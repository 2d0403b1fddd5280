/** What every command gets, and the lookups that turn names into concepts and exercises. */
import { type Flags, UsageError } from '../args.js';
import {
  allExercises,
  concepts,
  type ExerciseRef,
  exercisesNamed,
  findConcept,
  findExercise,
} from '../curriculum/registry.js';
import { type ConceptDef, isPending } from '../curriculum/types.js';
import { isInteractive } from '../ui/term.js';
import { invocationDir, resolveWorkspace } from '../workspace/location.js';

export interface Context {
  workspace: string;
  /** Paths are shown relative to this folder (where the learner typed the command). */
  from: string;
  flags: Flags;
  out: (text: string) => void;
  err: (text: string) => void;
  interactive: boolean;
}

export function makeContext(flags: Flags): Context {
  return {
    workspace: resolveWorkspace(flags.workspace),
    from: invocationDir(),
    flags,
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    interactive: isInteractive(),
  };
}

const conceptNames = (): string => concepts.map((c) => c.id).join(', ');

export function requireConcept(name: string): ConceptDef {
  const concept = findConcept(name);
  if (!concept) throw new UsageError(`unknown concept '${name}' (concepts: ${conceptNames()})`);
  if (isPending(concept))
    throw new UsageError(`${concept.id} is not ready yet: ${concept.pending}`);
  return concept;
}

export function requireExercise(name: string): ExerciseRef {
  const ref = findExercise(name);
  if (ref) return ref;
  const named = exercisesNamed(name);
  if (named.length > 1) {
    throw new UsageError(`'${name}' is in several concepts: ${named.map((e) => e.id).join(', ')}`);
  }
  const concept = findConcept(name);
  if (concept) {
    throw new UsageError(`'${name}' is a concept; name one of its exercises, such as ${name}/1`);
  }
  throw new UsageError(`unknown exercise '${name}' (see pnpm tutor list)`);
}

export function conceptRefs(concept: ConceptDef): ExerciseRef[] {
  return allExercises().filter((e) => e.concept.id === concept.id);
}

/** A concept or an exercise, for verify. */
export function requireTarget(name: string): ExerciseRef[] {
  const concept = findConcept(name);
  if (concept) return conceptRefs(requireConcept(name));
  if (!findExercise(name) && !name.includes('/') && exercisesNamed(name).length === 0) {
    throw new UsageError(
      `unknown concept or exercise '${name}' (concepts: ${conceptNames()}; exercises: pnpm tutor list)`,
    );
  }
  return [requireExercise(name)];
}

/** A command that needs a terminal says so in one line and points to verify. */
export function requireTerminal(ctx: Context, what: string): void {
  if (!ctx.interactive) {
    throw new UsageError(
      `${what} is interactive and needs a terminal; in scripts use \`pnpm tutor verify <concept> [--json]\``,
    );
  }
}
