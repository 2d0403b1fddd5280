/** Argument checks specific to this package (the general ones are @xf/tensor's `check`). */
import { type ActivationName, activationNames } from '@xf/ffn';
import { check } from '@xf/tensor';

export function checkActivationName(op: string, name: string, value: unknown): ActivationName {
  return check.choice(op, name, value, activationNames);
}
