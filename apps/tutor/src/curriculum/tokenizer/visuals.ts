import { trainBpe } from '@xf/tokenizer';

const show = (bytes: Uint8Array) => JSON.stringify(new TextDecoder().decode(bytes));

/** The first merges learned from a short corpus. */
export function merges(): string {
  const corpus = 'the cat sat on the mat. the cat ate the rat. '.repeat(4);
  const { merges, tokens } = trainBpe(corpus, { vocabSize: 256 + 8 });
  return merges
    .map(
      (m, i) =>
        `  ${String(i + 1).padStart(2)}. ${show(tokens[m.left]).padEnd(8)} + ${show(tokens[m.right]).padEnd(8)} → ${show(tokens[m.id]).padEnd(10)} (${m.count}×, id ${m.id})`,
    )
    .join('\n');
}
