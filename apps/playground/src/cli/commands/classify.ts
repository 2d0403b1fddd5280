/** pnpm playground classify --from DIR "text": the label and its probability. */
import pc from 'picocolors';
import { showClassification } from '../../core/show.js';
import { type FlagValue, UsageError } from '../args.js';
import { openTrained, requireFrom } from './from.js';

export async function classifyCommand(
  flags: Record<string, FlagValue>,
  positionals: string[],
): Promise<number> {
  const from = requireFrom(flags, 'classify');
  if (positionals.length === 0) {
    throw new UsageError(
      `classify needs the text to classify, as in pnpm playground classify --from ${from} "Win a FREE cruise"`,
    );
  }
  const text = positionals.join(' ');
  const { trained } = await openTrained(from, flags);
  if (trained.kind !== 'classifier') {
    throw new UsageError(
      `${from} holds a ${trained.config.preset} model, not a classifier: use pnpm playground sample --from ${from}`,
    );
  }
  const result = trained.classify(text);
  if (flags.json === true) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    const color = result.label === 'spam' ? pc.red : pc.green;
    process.stdout.write(`${showClassification(result, color)}\n`);
  }
  return 0;
}
