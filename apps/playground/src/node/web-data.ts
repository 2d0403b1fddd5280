/**
 * Extracts the corpora the web page trains on from their npm packages into JSON
 * files that the page's server serves as static assets (generated, never committed):
 *
 *   dist/web-data/data/names.json   every first name of both names packages
 *   dist/web-data/data/moby.json    the first chapters of Moby Dick (about 300,000 characters)
 *   dist/web-data/data/spam.json    every mail of the spam corpus, cleaned and cut to 600 characters
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bookText } from '../core/lm/text.js';
import { labelledMails, rawMoby, rawNames } from './corpora.js';

export const WEB_MOBY_CHARS = 300_000;
export const WEB_MAIL_CHARS = 600;

export function webDataDir(): string {
  // dist/extract-web-data.js and dist/cli.js both sit in dist/
  return join(dirname(fileURLToPath(import.meta.url)), 'web-data');
}

function excerpt(chapters: string[], chars: number): string {
  const kept: string[] = [];
  let total = 0;
  for (const c of chapters) {
    if (total >= chars) break;
    kept.push(c);
    total += c.length + 2;
  }
  return bookText(kept);
}

export function extractWebData(dir = webDataDir()): string[] {
  const out = join(dir, 'data');
  mkdirSync(out, { recursive: true });
  const files: [string, unknown][] = [
    ['names.json', rawNames()],
    ['moby.json', { text: excerpt(rawMoby(), WEB_MOBY_CHARS) }],
    [
      'spam.json',
      labelledMails().map((m) => ({ text: m.text.slice(0, WEB_MAIL_CHARS), spam: m.spam })),
    ],
  ];
  return files.map(([name, value]) => {
    const path = join(out, name);
    writeFileSync(path, JSON.stringify(value));
    return path;
  });
}
