/** The corpora in the page: JSON the build extracted from the npm packages, fetched once each. */
import type { CorpusSource, Mail } from '../src/core/corpus.js';

async function fetchJson<T>(name: string): Promise<T> {
  const response = await fetch(`/data/${name}.json`);
  if (!response.ok) throw new Error(`could not load /data/${name}.json (${response.status})`);
  return (await response.json()) as T;
}

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= load();
    return value;
  };
}

export const webCorpora: CorpusSource = {
  names: once(() => fetchJson<string[]>('names')),
  moby: once(async () => (await fetchJson<{ text: string }>('moby')).text),
  spam: once(() => fetchJson<Mail[]>('spam')),
};
