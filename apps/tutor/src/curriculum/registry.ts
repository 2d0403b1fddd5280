/** The curriculum in order, and lookups by the names typed on the command line. */
import { attention } from './attention/index.js';
import { decoder } from './decoder/index.js';
import { encoder } from './encoder/index.js';
import { ffn } from './ffn/index.js';
import { normResidual } from './norm-residual/index.js';
import { positional } from './positional/index.js';
import { tensor } from './tensor/index.js';
import { tokenizer } from './tokenizer/index.js';
import { trainer } from './trainer/index.js';
import { type Concept, type ConceptDef, type ExerciseDef, isPending } from './types.js';

/** In teaching order. */
export const concepts: Concept[] = [
  tensor,
  positional,
  attention,
  normResidual,
  ffn,
  encoder,
  decoder,
  trainer,
  tokenizer,
];

export interface ExerciseRef {
  concept: ConceptDef;
  exercise: ExerciseDef;
  /** 0-based position in the concept. */
  index: number;
  /** 'concept/name'. */
  id: string;
}

export const exerciseId = (concept: ConceptDef, exercise: ExerciseDef): string =>
  `${concept.id}/${exercise.name}`;

export function findConcept(name: string): Concept | undefined {
  const n = name.toLowerCase();
  return concepts.find((c) => c.id === n || c.aliases?.includes(n));
}

export function allExercises(): ExerciseRef[] {
  return concepts.flatMap((c) =>
    isPending(c)
      ? []
      : c.exercises.map((exercise, index) => ({
          concept: c,
          exercise,
          index,
          id: exerciseId(c, exercise),
        })),
  );
}

/** 'attention/scores', 'attention/1' or a bare 'scores' when only one concept has it. */
export function findExercise(name: string): ExerciseRef | undefined {
  const all = allExercises();
  const n = name.toLowerCase();
  const slash = n.indexOf('/');
  if (slash >= 0) {
    const concept = findConcept(n.slice(0, slash));
    const rest = n.slice(slash + 1);
    if (!concept || isPending(concept)) return undefined;
    const inConcept = all.filter((e) => e.concept === concept);
    if (/^\d+$/.test(rest)) return inConcept[Number(rest) - 1];
    return inConcept.find((e) => e.exercise.name === rest);
  }
  const matches = all.filter((e) => e.exercise.name === n);
  return matches.length === 1 ? matches[0] : undefined;
}

/** Every exercise named `name` without its concept (for "did you mean"). */
export function exercisesNamed(name: string): ExerciseRef[] {
  return allExercises().filter((e) => e.exercise.name === name.toLowerCase());
}
