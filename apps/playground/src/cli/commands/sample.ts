/** pnpm playground sample --from DIR: names, text or reversed digits from a trained model. */
import pc from 'picocolors';
import { showSample } from '../../core/show.js';
import { type FlagValue, UsageError } from '../args.js';
import { openTrained, requireFrom } from './from.js';

function checkSampling(flags: Record<string, FlagValue>): void {
  const t = flags.temperature as number | undefined;
  if (t !== undefined && !(t >= 0))
    throw new UsageError(`--temperature must be >= 0 (0 is greedy), got ${t}`);
  const k = flags['top-k'] as number | undefined;
  if (k !== undefined && k < 1) throw new UsageError(`--top-k must be at least 1, got ${k}`);
  const p = flags['top-p'] as number | undefined;
  if (p !== undefined && !(p > 0 && p <= 1))
    throw new UsageError(`--top-p must be in (0, 1], got ${p}`);
  const n = flags.n as number | undefined;
  if (n !== undefined && (n < 1 || n > 100_000))
    throw new UsageError(`-n must be between 1 and 100000, got ${n}`);
}

export async function sampleCommand(
  flags: Record<string, FlagValue>,
  positionals: string[],
): Promise<number> {
  if (positionals.length)
    throw new UsageError(`sample takes no arguments, got '${positionals[0]}' (use --prompt)`);
  checkSampling(flags);
  const from = requireFrom(flags, 'sample');
  const { trained, checkpoint } = await openTrained(from, flags);
  if (trained.kind === 'classifier') {
    throw new UsageError(
      `${from} holds a classifier: use pnpm playground classify --from ${from} "text"`,
    );
  }
  const result = trained.sample({
    prompt: flags.prompt as string | undefined,
    n: flags.n as number | undefined,
    temperature: flags.temperature as number | undefined,
    topK: (flags['top-k'] as number | undefined) ?? null,
    topP: (flags['top-p'] as number | undefined) ?? null,
    seed: flags.seed as number | undefined,
  });
  if (flags.json === true) {
    process.stdout.write(
      `${JSON.stringify({ preset: trained.config.preset, step: checkpoint.step, ...result })}\n`,
    );
  } else {
    process.stdout.write(`${showSample(result, { right: pc.green, wrong: pc.red })}\n`);
  }
  return 0;
}
