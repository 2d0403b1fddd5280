/**
 * Where a task's data comes from. In Node the corpora are read from their npm packages; in the
 * browser, from JSON files extracted from the same packages when the playground is built.
 */

/** One mail, reduced to what the classifier reads (see cleanMail). */
export interface Mail {
  text: string;
  spam: boolean;
}

export interface CorpusSource {
  /** English first names, female and male. */
  names(): Promise<string[]>;
  /** The text of Moby Dick (or, in the browser, an excerpt). */
  moby(): Promise<string>;
  /** Labelled mail, already cleaned. */
  spam(): Promise<Mail[]>;
}
