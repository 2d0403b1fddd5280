/** The reverse task's vocabulary: three special tokens, then the ten digits. */
export const PAD_ID = 0;
export const BOS_ID = 1;
export const EOS_ID = 2;
const FIRST_DIGIT = 3;
export const VOCAB_SIZE = FIRST_DIGIT + 10;

export function encodeDigits(text: string): number[] {
  return Array.from(text, (c) => FIRST_DIGIT + Number(c));
}

/** Digits up to the first EOS (special tokens dropped). */
export function decodeDigits(ids: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (id === EOS_ID) break;
    if (id >= FIRST_DIGIT) out += String(id - FIRST_DIGIT);
  }
  return out;
}

export function isDigitString(text: string): boolean {
  return /^[0-9]+$/.test(text);
}

/** What the model should learn: the digits in reverse order. */
export function reverseDigits(text: string): string {
  return [...text].reverse().join('');
}
