/**
 * The spam data set: cleaned mails, duplicates removed (the corpus holds some mails twice, and
 * a copy on each side of the split would flatter the score), shuffled once with a fixed seed,
 * and split 85% / 15% into training and held-out mail.
 */
import type { Mail } from '../corpus.js';
import { DATA_SEED, shuffled } from '../shuffle.js';

export const HELD_OUT_FRACTION = 0.15;

export interface MailSplit {
  train: Mail[];
  val: Mail[];
}

export function splitMails(mails: readonly Mail[]): MailSplit {
  const seen = new Set<string>();
  const unique = mails.filter((m) => {
    if (m.text === '' || seen.has(m.text)) return false;
    seen.add(m.text);
    return true;
  });
  const order = shuffled(unique, DATA_SEED);
  const cut = order.length - Math.round(order.length * HELD_OUT_FRACTION);
  return { train: order.slice(0, cut), val: order.slice(cut) };
}
