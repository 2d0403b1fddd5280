/** The activations the fused kernels know, by the names PositionWiseFFN accepts. */
export type ActivationName = 'relu' | 'gelu' | 'gelu-tanh' | 'silu';

export const activationNames: readonly ActivationName[] = ['relu', 'gelu', 'gelu-tanh', 'silu'];

/** Throws, naming the op, unless `name` is one of activationNames. */
export function checkActivation(op: string, name: unknown): ActivationName {
  if (typeof name !== 'string' || !activationNames.includes(name as ActivationName)) {
    throw new Error(
      `${op}: unknown activation '${String(name)}' (expected one of ${activationNames.join(', ')})`,
    );
  }
  return name as ActivationName;
}
