/**
 * The text a character-level language model reads. Names become one long string, one name per
 * line, in a fixed shuffled order (the packages list them alphabetically, and the last 10% held
 * out for validation should be a fair sample, not the names starting with Y and Z).
 */
import { DATA_SEED, shuffled } from '../shuffle.js';

/** The end of a name, and the start of the next one. */
export const NAME_SEPARATOR = '\n';

export function namesText(names: readonly string[]): string {
  const unique = [...new Set(names.map((n) => n.trim().toLowerCase()).filter(Boolean))].sort();
  return NAME_SEPARATOR + shuffled(unique, DATA_SEED).join(NAME_SEPARATOR) + NAME_SEPARATOR;
}

/** Chapters (with their headings) one after another, separated by a blank line. */
export function bookText(chapters: readonly string[]): string {
  return chapters.map((c) => c.trim()).join('\n\n');
}
