/**
 * The classifier's inputs checked and put in shape: token ids [B, T], the padding that
 * follows from lengths or the padding id, and the targets. Every error names the argument
 * and, for a bad value, where it is.
 */
import { check, formatShape, Tensor } from '@xf/tensor';
import type { ResolvedEncoderClassifierConfig } from './config.js';

const OP = 'EncoderClassifier';

export type Ids = Tensor | readonly (readonly number[])[];
export type PerSequence = Tensor | readonly number[];

/** ids as an int32 tensor [B, T] of ids in [0, vocabSize), T at most maxLen. */
export function checkIds(ids: unknown, config: ResolvedEncoderClassifierConfig): Tensor {
  let t: Tensor;
  if (ids instanceof Tensor) {
    t = ids;
  } else if (Array.isArray(ids) && ids.every(Array.isArray)) {
    const T = ids.length > 0 ? ids[0].length : 0;
    ids.forEach((row: unknown[], b) => {
      if (row.length !== T) {
        throw new Error(
          `${OP}: ids rows must all have the same length (pad them); row 0 has ${T}, row ${b} has ${row.length}`,
        );
      }
    });
    // values are checked below, before anything reads them as ids
    t = new Tensor(Float32Array.from(ids.flat() as number[]), [ids.length, T], 'int32');
  } else {
    throw new TypeError(
      `${OP}: ids must be a Tensor [B, T] or an array of rows, got ${check.describe(ids)}`,
    );
  }
  if (t.ndim !== 2) {
    throw new Error(`${OP}: ids must be 2-D [B, T], got shape ${formatShape(t.shape)}`);
  }
  const [B, T] = t.shape;
  if (B === 0 || T === 0) {
    throw new Error(
      `${OP}: ids of shape ${formatShape(t.shape)} is empty; need at least one token`,
    );
  }
  if (T > config.maxLen) {
    throw new Error(`${OP}: ids has sequence length ${T} but config.maxLen is ${config.maxLen}`);
  }
  for (let i = 0; i < t.data.length; i++) {
    const v = t.data[i];
    if (!Number.isInteger(v) || v < 0 || v >= config.vocabSize) {
      throw new Error(
        `${OP}: ids[${Math.floor(i / T)}, ${i % T}] = ${v} is not a token id in [0, config.vocabSize = ${config.vocabSize})`,
      );
    }
  }
  return t;
}

/** Values of a per-sequence argument (lengths, targets): a 1-D tensor or array of B numbers. */
function perSequence(name: string, value: unknown, B: number): ArrayLike<number> {
  if (value instanceof Tensor) {
    if (value.ndim !== 1 || value.shape[0] !== B) {
      throw new Error(
        `${OP}: ${name} must have shape [B] = [${B}], got ${formatShape(value.shape)}`,
      );
    }
    return value.data;
  }
  if (Array.isArray(value)) {
    if (value.length !== B || value.some((v) => typeof v !== 'number')) {
      throw new Error(
        `${OP}: ${name} must hold one number per sequence (B = ${B}), got an array of ${value.length}`,
      );
    }
    return value;
  }
  throw new TypeError(
    `${OP}: ${name} must be a Tensor [B] or an array of numbers, got ${check.describe(value)}`,
  );
}

/**
 * PyTorch's key-padding mask [B, T] (bool, true = padding) from lengths if given, else from
 * config.padId, else null (no padding). Every sequence must keep at least one token.
 */
export function paddingFrom(
  ids: Tensor,
  lengths: PerSequence | null | undefined,
  config: ResolvedEncoderClassifierConfig,
): Tensor | null {
  const [B, T] = ids.shape;
  const pad = new Float32Array(B * T);
  if (lengths !== undefined && lengths !== null) {
    const n = perSequence('lengths', lengths, B);
    for (let b = 0; b < B; b++) {
      if (!Number.isInteger(n[b]) || n[b] < 1 || n[b] > T) {
        throw new Error(
          `${OP}: lengths[${b}] = ${n[b]} must be an integer between 1 and the sequence length T = ${T}`,
        );
      }
      pad.fill(1, b * T + n[b], (b + 1) * T);
    }
  } else if (config.padId !== null) {
    let any = false;
    for (let b = 0; b < B; b++) {
      let kept = 0;
      for (let t = 0; t < T; t++) {
        const isPad = ids.data[b * T + t] === config.padId;
        pad[b * T + t] = isPad ? 1 : 0;
        if (isPad) any = true;
        else kept++;
      }
      if (kept === 0) {
        throw new Error(
          `${OP}: sequence ${b} of ids is all padding (config.padId = ${config.padId}); every sequence needs at least one token`,
        );
      }
    }
    if (!any) return null;
  } else {
    return null;
  }
  return new Tensor(pad, [B, T], 'bool');
}

/**
 * Targets checked against the head: class indices in [0, numClasses) (int32 [B]) for a
 * softmax head; for a sigmoid head, float [B] in [0, 1] (labels 0/1, or soft labels).
 */
export function checkTargets(
  targets: unknown,
  B: number,
  config: ResolvedEncoderClassifierConfig,
  sigmoid: boolean,
): Tensor {
  const values = perSequence('targets', targets, B);
  const out = new Float32Array(B);
  for (let b = 0; b < B; b++) {
    const v = values[b];
    if (sigmoid) {
      if (!(v >= 0 && v <= 1)) {
        throw new Error(
          `${OP}: targets[${b}] = ${v} must be in [0, 1] (a binary label) for the sigmoid head`,
        );
      }
    } else if (!Number.isInteger(v) || v < 0 || v >= config.numClasses) {
      throw new Error(
        `${OP}: targets[${b}] = ${v} is not a class index in [0, config.numClasses = ${config.numClasses})`,
      );
    }
    out[b] = v;
  }
  return new Tensor(out, [B], sigmoid ? 'float32' : 'int32');
}
