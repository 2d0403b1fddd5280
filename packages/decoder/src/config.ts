/**
 * GPTConfig: nanoGPT's fields in camelCase, with nanoGPT's defaults (a GPT-2 small shape),
 * plus the choices xf adds (position scheme, norm placement, weight tying).
 */
export interface GPTConfig {
  /** Size of the token vocabulary (nanoGPT pads GPT-2's 50257 to 50304). */
  vocabSize: number;
  /** Context window: the most tokens the model reads at once. */
  blockSize: number;
  nLayer: number;
  nHead: number;
  /** Width of the residual stream; must divide by nHead. */
  nEmbd: number;
  /** Dropout on embeddings, attention weights and residual branches. */
  dropout: number;
  /** Biases in the Linear layers and LayerNorms. */
  bias: boolean;
  /** 'learned' absolute positions (GPT-2, a wpe table) or 'rotary' (RoPE on q and k). */
  positional: 'learned' | 'rotary';
  /** 'pre' = x + f(norm(x)) (GPT-2, default); 'post' = norm(x + f(x)) (the original paper). */
  norm: 'pre' | 'post';
  /** Share the token embedding with the output head (GPT-2 does). */
  tieWeights: boolean;
  /** RoPE base, when positional is 'rotary'. */
  ropeTheta: number;
}

export const defaultGPTConfig: Readonly<GPTConfig> = Object.freeze({
  vocabSize: 50304,
  blockSize: 1024,
  nLayer: 12,
  nHead: 12,
  nEmbd: 768,
  dropout: 0,
  bias: true,
  positional: 'learned',
  norm: 'pre',
  tieWeights: true,
  ropeTheta: 10000,
});

const positiveInts = ['vocabSize', 'blockSize', 'nLayer', 'nHead', 'nEmbd'] as const;

/** Fills defaults and refuses a config that cannot work, naming the field. */
export function resolveGPTConfig(partial: Partial<GPTConfig> = {}, op = 'GPT'): GPTConfig {
  if (partial === null || typeof partial !== 'object') {
    throw new Error(
      `${op}: config must be an object, got ${partial === null ? 'null' : typeof partial}`,
    );
  }
  const known = new Set(Object.keys(defaultGPTConfig));
  for (const key of Object.keys(partial)) {
    if (!known.has(key)) {
      throw new Error(`${op}: unknown config field '${key}' (known: ${[...known].join(', ')})`);
    }
  }
  const config = { ...defaultGPTConfig, ...partial } as GPTConfig;
  for (const field of positiveInts) {
    const v = config[field];
    if (!Number.isInteger(v) || v <= 0) {
      throw new Error(
        `${op}: config.${field} must be a positive integer, got ${JSON.stringify(v)}`,
      );
    }
  }
  if (config.nEmbd % config.nHead !== 0) {
    throw new Error(
      `${op}: config.nEmbd (${config.nEmbd}) must be divisible by config.nHead (${config.nHead}): each head gets nEmbd / nHead channels`,
    );
  }
  if (!(config.dropout >= 0 && config.dropout < 1)) {
    throw new Error(
      `${op}: config.dropout must be in [0, 1), got ${JSON.stringify(config.dropout)}`,
    );
  }
  if (typeof config.bias !== 'boolean') throw new Error(`${op}: config.bias must be true or false`);
  if (typeof config.tieWeights !== 'boolean')
    throw new Error(`${op}: config.tieWeights must be true or false`);
  if (config.positional !== 'learned' && config.positional !== 'rotary') {
    throw new Error(
      `${op}: config.positional must be 'learned' or 'rotary', got ${JSON.stringify(config.positional)}`,
    );
  }
  if (config.norm !== 'pre' && config.norm !== 'post') {
    throw new Error(
      `${op}: config.norm must be 'pre' or 'post', got ${JSON.stringify(config.norm)}`,
    );
  }
  if (config.positional === 'rotary' && (config.nEmbd / config.nHead) % 2 !== 0) {
    throw new Error(
      `${op}: rotary positions rotate channel pairs, so the head size nEmbd / nHead (${config.nEmbd / config.nHead}) must be even`,
    );
  }
  if (!(config.ropeTheta > 0))
    throw new Error(`${op}: config.ropeTheta must be positive, got ${config.ropeTheta}`);
  return config;
}
