import { checkHeader, describe, parseJson } from './json-format.js';

export const CHAR_FORMAT = 'xf-char-tokenizer';
export const CHAR_FORMAT_VERSION = 1;

export interface CharTokenizerOptions {
  /**
   * A token that stands for any character outside the vocabulary. Without it (the default),
   * encoding such a character is an error.
   */
  unk?: string;
}

/** The saved form of a CharTokenizer. */
export interface CharTokenizerJSON {
  format: typeof CHAR_FORMAT;
  version: typeof CHAR_FORMAT_VERSION;
  chars: string[];
  unk: string | null;
}

// Code point order, as Python sorts strings (JS's default sort compares UTF-16 units instead).
const byCodePoint = (a: string, b: string): number => a.codePointAt(0)! - b.codePointAt(0)!;

/** `'é' (U+00E9)`: how errors name a character, escaped when it is invisible. */
function showChar(char: string): string {
  const code = char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  return `${JSON.stringify(char)} (U+${code})`;
}

/**
 * The simplest tokenizer: one id per character (Unicode code point), ids in code point order.
 * Small vocabulary, long sequences; the classic start for a character-level model.
 */
export class CharTokenizer {
  /** The characters, indexed by id. */
  readonly chars: readonly string[];
  /** The unknown-character token, if any; its id is `chars.length`. */
  readonly unk: string | undefined;
  private readonly ids: Map<string, number>;

  constructor(chars: Iterable<string>, options: CharTokenizerOptions = {}) {
    const where = 'CharTokenizer';
    this.chars = [...chars];
    this.ids = new Map();
    this.chars.forEach((char, id) => {
      if (typeof char !== 'string' || [...char].length !== 1) {
        throw new Error(
          `${where}: vocabulary entry ${id} must be a single character, got ${JSON.stringify(char)}`,
        );
      }
      if (this.ids.has(char))
        throw new Error(`${where}: ${showChar(char)} appears twice in the vocabulary`);
      this.ids.set(char, id);
    });
    this.unk = options.unk;
    if (this.unk !== undefined) {
      if (typeof this.unk !== 'string' || this.unk.length === 0) {
        throw new Error(`${where}: unk must be a non-empty string`);
      }
      if (this.ids.has(this.unk)) {
        throw new Error(
          `${where}: unk ${JSON.stringify(this.unk)} is also an ordinary character of the vocabulary`,
        );
      }
    }
  }

  /** A tokenizer whose vocabulary is every distinct character of `text`, sorted. */
  static fromText(text: string, options: CharTokenizerOptions = {}): CharTokenizer {
    return new CharTokenizer([...new Set(text)].sort(byCodePoint), options);
  }

  /** Rebuilds a tokenizer from `toJSON()`'s object, checking every field. */
  static fromJSON(json: unknown): CharTokenizer {
    const where = 'CharTokenizer.fromJSON';
    const obj = checkHeader(json, CHAR_FORMAT, CHAR_FORMAT_VERSION, where);
    if (!Array.isArray(obj.chars) || !obj.chars.every((c) => typeof c === 'string')) {
      throw new Error(`${where}: 'chars' must be an array of strings, got ${describe(obj.chars)}`);
    }
    if (obj.unk !== null && typeof obj.unk !== 'string') {
      throw new Error(`${where}: 'unk' must be a string or null, got ${describe(obj.unk)}`);
    }
    try {
      return new CharTokenizer(obj.chars as string[], { unk: obj.unk ?? undefined });
    } catch (e) {
      throw new Error(`${where}: ${(e as Error).message.replace(/^CharTokenizer: /, '')}`);
    }
  }

  /** Rebuilds a tokenizer from `save()`'s JSON text. */
  static load(json: string): CharTokenizer {
    return CharTokenizer.fromJSON(parseJson(json, 'CharTokenizer.load'));
  }

  /** Number of ids: the characters, plus one for `unk` when set. */
  get vocabSize(): number {
    return this.chars.length + (this.unk === undefined ? 0 : 1);
  }

  /** Text to ids, one per character. An unknown character is an error unless `unk` is set. */
  encode(text: string): number[] {
    if (typeof text !== 'string')
      throw new Error(`CharTokenizer.encode: expected a string, got ${typeof text}`);
    const ids: number[] = [];
    let index = 0; // UTF-16 index, as `text[index]` and `slice` count
    for (const char of text) {
      const id = this.ids.get(char);
      if (id !== undefined) ids.push(id);
      else if (this.unk !== undefined) ids.push(this.chars.length);
      else {
        throw new Error(
          `CharTokenizer.encode: character ${showChar(char)} at index ${index} is not in the vocabulary; ` +
            `create the tokenizer with { unk: '<unk>' } to map unknown characters to one token`,
        );
      }
      index += char.length;
    }
    return ids;
  }

  /** Ids to text; `unk` decodes to its own text. */
  decode(ids: ArrayLike<number>): string {
    let text = '';
    for (let i = 0; i < ids.length; i++) {
      const token = this.idToToken(ids[i]);
      if (token === undefined) {
        throw new Error(
          `CharTokenizer.decode: id ${ids[i]} at position ${i} is not in the vocabulary (size ${this.vocabSize})`,
        );
      }
      text += token;
    }
    return text;
  }

  tokenToId(token: string): number | undefined {
    if (this.unk !== undefined && token === this.unk) return this.chars.length;
    return this.ids.get(token);
  }

  idToToken(id: number): string | undefined {
    if (this.unk !== undefined && id === this.chars.length) return this.unk;
    return Number.isInteger(id) ? this.chars[id] : undefined;
  }

  toJSON(): CharTokenizerJSON {
    return {
      format: CHAR_FORMAT,
      version: CHAR_FORMAT_VERSION,
      chars: [...this.chars],
      unk: this.unk ?? null,
    };
  }

  save(): string {
    return JSON.stringify(this.toJSON());
  }
}
