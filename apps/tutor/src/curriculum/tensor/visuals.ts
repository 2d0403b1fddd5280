import pc from 'picocolors';

/** The graph of y = relu(x Wᵀ + b) and a loss, forward and backward. */
export function graph(): string {
  const c = pc.isColorSupported ? pc.cyan : (s: string) => s;
  const r = pc.isColorSupported ? pc.magenta : (s: string) => s;
  return [
    `  ${c('forward  →')}   x ─┐`,
    `                 matmul ── a ── + b ── relu ── h ── … ── loss`,
    `               W ─┘`,
    `  ${r('backward ←')}   ∂loss/∂h · relu′(a) → ∂loss/∂a → ∂loss/∂W = (∂loss/∂a)ᵀ x`,
  ].join('\n');
}
