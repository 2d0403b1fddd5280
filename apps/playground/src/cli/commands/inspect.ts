/**
 * pnpm playground inspect --from DIR: the model's config, where its parameters are, the shape
 * of every step of a forward pass, and the attention of every head of every layer on a prompt.
 */
import pc from 'picocolors';
import { type FlagValue, UsageError } from '../args.js';
import { terminalWidth } from '../term/format.js';
import { heatmap } from '../term/heatmap.js';
import { openTrained, requireFrom } from './from.js';

const section = (title: string) => `\n${pc.bold(pc.underline(title))}\n`;

export async function inspectCommand(
  flags: Record<string, FlagValue>,
  positionals: string[],
): Promise<number> {
  if (positionals.length)
    throw new UsageError(`inspect takes no arguments, got '${positionals[0]}' (use --prompt)`);
  const from = requireFrom(flags, 'inspect');
  const { trained, checkpoint } = await openTrained(from, flags);
  const prompt = (flags.prompt as string | undefined) ?? trained.defaultPrompt;
  const view = trained.inspect(prompt);
  const out: string[] = [];
  out.push(pc.bold(`${trained.config.preset} model, step ${checkpoint.step}`));
  out.push(section('Config'));
  const width = Math.max(...Object.keys(view.config).map((k) => k.length));
  for (const [key, value] of Object.entries(view.config)) {
    out.push(`  ${key.padEnd(width)}  ${JSON.stringify(value)}`);
  }
  out.push(section('Parameters'));
  out.push(view.breakdown);
  out.push(section(`Shapes of one forward pass (prompt ${JSON.stringify(prompt)})`));
  out.push(view.trace);
  out.push(section('Attention'));
  out.push(pc.dim('rows: queries, columns: keys; darker = more attention'));
  for (const map of view.attention) {
    out.push('');
    out.push(
      heatmap(map, {
        width: terminalWidth(),
        color: Boolean(process.stdout.isTTY) && pc.isColorSupported,
      }),
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
