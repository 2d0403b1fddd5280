/**
 * gpu.js kernel sources for attention. Each kernel fills a flat output, one element per
 * thread; indices are recovered with Math.floor((r + 0.5) / d), exact under GLSL floats.
 * Constants that GLSL would mis-parse as literals (±3e38) come in as arguments, and
 * variants (mask or not, causal or not, ...) are separate sources, so no thread reads an
 * argument it does not need.
 */

export interface MaskVariant {
  /** An additive bias [.., L, S] is read through offsets and strides. */
  mask: boolean;
  /** Keys after query i + diagonal are masked. */
  causal: boolean;
}

function maskArgs(v: MaskVariant): string {
  return [v.mask ? 'bias, mOff, mRow, mCol, maskedBelow' : '', v.causal ? 'diagonal' : '']
    .filter(Boolean)
    .join(', ');
}

/** Sets `keep` to 0 when key j is masked for query i of batch entry t; `b` is the bias. */
function maskTest(v: MaskVariant): string {
  return `${
    v.causal
      ? `
    if (j > i + diagonal) {
      keep = 0;
    }`
      : ''
  }${
    v.mask
      ? `
    b = bias[mOff[t] + i * mRow + j * mCol];
    if (b <= maskedBelow) {
      keep = 0;
    }`
      : ''
  }`;
}

function withMaskArgs(fixed: string, v: MaskVariant): string {
  const extra = maskArgs(v);
  return extra ? `${fixed}, ${extra}` : fixed;
}

/**
 * Pass 1, one thread per query row: log Σ_j exp(s_ij), in one sweep over the keys with a
 * running maximum (the online softmax), so no score is stored. A row with every key masked
 * returns `dead`.
 */
export function rowLogSumExpSource(v: MaskVariant): string {
  return `function (${withMaskArgs('q, k, qOff, kOff, L, S, E, scale, dead', v)}) {
  const row = this.thread.x;
  const t = Math.floor((row + 0.5) / L);
  const i = row - t * L;
  const qi = qOff[t] + i * E;
  let m = 0;
  let l = 0;
  for (let j = 0; j < S; j++) {
    let keep = 1;
    let b = 0;${maskTest(v)}
    if (keep == 1) {
      const kj = kOff[t] + j * E;
      let dot = 0;
      for (let e = 0; e < E; e++) {
        dot += q[qi + e] * k[kj + e];
      }
      const s = dot * scale + b;
      if (l == 0) {
        m = s;
        l = 1;
      } else {
        if (s > m) {
          l = l * Math.exp(m - s) + 1;
          m = s;
        } else {
          l += Math.exp(s - m);
        }
      }
    }
  }
  if (l == 0) {
    return dead;
  }
  return m + Math.log(l);
}`;
}

/** Pass 2, one thread per (row, key): p_ij = exp(s_ij − lse_i), 0 for a masked key or a dead row. */
export function probsSource(v: MaskVariant): string {
  return `function (${withMaskArgs('q, k, lse, qOff, kOff, L, S, E, scale, dead', v)}) {
  const idx = this.thread.x;
  const row = Math.floor((idx + 0.5) / S);
  const j = idx - row * S;
  const t = Math.floor((row + 0.5) / L);
  const i = row - t * L;
  const c = lse[row];
  let keep = 1;
  let b = 0;${maskTest(v)}
  if (c >= dead) {
    keep = 0;
  }
  if (keep == 0) {
    return 0;
  }
  const qi = qOff[t] + i * E;
  const kj = kOff[t] + j * E;
  let dot = 0;
  for (let e = 0; e < E; e++) {
    dot += q[qi + e] * k[kj + e];
  }
  return Math.exp(dot * scale + b - c);
}`;
}

/** Pass 3, one thread per output element: o_ie = Σ_j w_ij v_je. */
export const weightedSumSource = `function (w, v, vOff, L, S, Ev) {
  const idx = this.thread.x;
  const row = Math.floor((idx + 0.5) / Ev);
  const e = idx - row * Ev;
  const t = Math.floor((row + 0.5) / L);
  const wi = row * S;
  const ve = vOff[t] + e;
  let sum = 0;
  for (let j = 0; j < S; j++) {
    sum += w[wi + j] * v[ve + j * Ev];
  }
  return sum;
}`;

export interface ScoreGradVariant {
  /** A gradient arrives at the output (dO). */
  dOut: boolean;
  /** A gradient arrives at the returned weights (dW). */
  dWeights: boolean;
  /** Dropout was applied to the weights. */
  drop: boolean;
}

/**
 * Backward pass 1, one thread per (row, key): ds_ij = p_ij (dp_ij − D_i) with
 * dp_ij = (dO_i·v_j + dW_ij) · drop_ij and D_i = Σ_k p_ik dp_ik computed beforehand.
 */
export function scoreGradSource(v: ScoreGradVariant): string {
  const args = [
    'probs, rowDot',
    v.dOut ? 'dOut, v, vOff, Ev' : '',
    v.dWeights ? 'dW' : '',
    v.drop ? 'drop' : '',
    'L, S',
  ]
    .filter(Boolean)
    .join(', ');
  return `function (${args}) {
  const idx = this.thread.x;
  const row = Math.floor((idx + 0.5) / S);
  const p = probs[idx];
  if (p == 0) {
    return 0;
  }
  let dp = 0;${
    v.dWeights
      ? `
  dp = dW[idx];`
      : ''
  }${
    v.dOut
      ? `
  const j = idx - row * S;
  const t = Math.floor((row + 0.5) / L);
  const vj = vOff[t] + j * Ev;
  const o = row * Ev;
  for (let e = 0; e < Ev; e++) {
    dp += dOut[o + e] * v[vj + e];
  }`
      : ''
  }${
    v.drop
      ? `
  dp = dp * drop[idx];`
      : ''
  }
  return p * (dp - rowDot[row]);
}`;
}

/**
 * Backward pass 2, all three input gradients in one launch over a flat output
 * [dq (T·L·E) | dk (T·S·E) | dv (T·S·Ev)]:
 *   dq_ie = scale Σ_j ds_ij k_je,  dk_je = scale Σ_i ds_ij q_ie,  dv_je = Σ_i w_ij dO_ie.
 * Without dOut the output stops after dk.
 */
export function inputGradsSource(withDv: boolean): string {
  const dvArgs = withDv ? ', w, dOut, Ev' : '';
  const dv = withDv
    ? `
  const rv = idx - nQ - nK;
  const tjv = Math.floor((rv + 0.5) / Ev);
  const ev = rv - tjv * Ev;
  const tv = Math.floor((tjv + 0.5) / S);
  const jv = tjv - tv * S;
  const wj = tv * L * S + jv;
  const oe = tv * L * Ev + ev;
  let sv = 0;
  for (let iv = 0; iv < L; iv++) {
    sv += w[wj + iv * S] * dOut[oe + iv * Ev];
  }
  return sv;`
    : `
  return 0;`;
  return `function (dS, q, k, qOff, kOff, L, S, E, scale, nQ, nK${dvArgs}) {
  const idx = this.thread.x;
  if (idx < nQ) {
    const rowq = Math.floor((idx + 0.5) / E);
    const eq = idx - rowq * E;
    const tq = Math.floor((rowq + 0.5) / L);
    const si = rowq * S;
    const ke = kOff[tq] + eq;
    let sq = 0;
    for (let j = 0; j < S; j++) {
      sq += dS[si + j] * k[ke + j * E];
    }
    return sq * scale;
  }
  if (idx < nQ + nK) {
    const rk = idx - nQ;
    const tjk = Math.floor((rk + 0.5) / E);
    const ek = rk - tjk * E;
    const tk = Math.floor((tjk + 0.5) / S);
    const jk = tjk - tk * S;
    const sj = tk * L * S + jk;
    const qe = qOff[tk] + ek;
    let sk = 0;
    for (let ik = 0; ik < L; ik++) {
      sk += dS[sj + ik * S] * q[qe + ik * E];
    }
    return sk * scale;
  }${dv}
}`;
}
