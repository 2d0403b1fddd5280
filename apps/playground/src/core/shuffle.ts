/** A seeded Fisher-Yates shuffle (a copy), so data splits are the same on every run and machine. */
import { Generator } from '@xf/tensor';

export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = items.slice();
  const g = new Generator(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = g.integer(0, i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The seed every data split uses: a fixed one, so val sets stay comparable across --seed. */
export const DATA_SEED = 2024;
