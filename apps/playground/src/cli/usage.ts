/** pnpm playground --help. */
import { PRESET_NAMES, PRESETS } from '../core/presets.js';

const presets = PRESET_NAMES.map((n) => `  ${n.padEnd(8)} ${PRESETS[n].blurb}`).join('\n');

export const USAGE = `xf playground: watch a transformer learn

Usage:
  pnpm playground                          a guided menu: pick a preset, train, sample, inspect
  pnpm playground train --preset <name> [options]
  pnpm playground sample --from DIR [--prompt TEXT] [-n N] [--temperature T] [--top-k K] [--top-p P] [--seed S]
  pnpm playground classify --from DIR "text"
  pnpm playground inspect --from DIR [--prompt TEXT]
  pnpm playground web [--port N]           train in the browser (http://127.0.0.1)

Presets:
${presets}

Train options (each preset has defaults that converge):
  --steps N --batch N --block N --layers N --heads N --embd N --lr X --seed N
  --backend js|wasm|gpu    kernels to run on (default wasm)
  --out DIR                where metrics.jsonl and checkpoints go (default ./runs/<preset>)
  --resume DIR             continue from the latest checkpoint in DIR
  --checkpoint-every N     also checkpointed at the end and on Ctrl-C
  --eval-every N           evaluate (and print a sample) every N steps
  --json                   one JSON summary on stdout instead of the live display

--block is the context (names, moby), the longest mail in tokens (spam), or the longest digit
string (reverse). -n is names (names), characters (moby) or digit strings (reverse).
sample and classify take --json too.`;
