/**
 * gpu.js kernel sources for attention. Each kernel fills a flat output, one element per
 * thread; indices are recovered with Math.floor((r + 0.5) / d), exact under GLSL floats,
 * and every array index is computed into a named local first (gpu.js's GLSL translation
 * mishandles computed indices written inline). Constants GLSL would mis-parse as literals
 * (±3e38) come in as arguments, and variants (mask or not, causal or not, ...) are separate
 * sources, so no thread reads an argument it does not need.
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
  const causal = `
  if (j > i + diagonal) {
    keep = 0;
  }`;
  const mask = `
  const mo = mOff[t];
  const mi = mo + i * mRow + j * mCol;
  b = bias[mi];
  if (b <= maskedBelow) {
    keep = 0;
  }`;
  return (v.causal ? causal : '') + (v.mask ? mask : '');
}

/**
 * Pass 1, one thread per (row, key): s_ij = scale · q_i·k_j + b_ij, or `masked` for a
 * masked key (its dot product is skipped). Scaling, the mask and the causal test are fused
 * into the product; the row softmax then runs on the host over these scores.
 */
export function scoresSource(v: MaskVariant): string {
  const extra = maskArgs(v);
  return `function (q, k, qOff, kOff, L, S, E, scale, masked${extra ? `, ${extra}` : ''}) {
  const idx = this.thread.x;
  const row = Math.floor((idx + 0.5) / S);
  const j = idx - row * S;
  const t = Math.floor((row + 0.5) / L);
  const i = row - t * L;
  let keep = 1;
  let b = 0;${maskTest(v)}
  if (keep == 0) {
    return masked;
  }
  const qt = qOff[t];
  const kt = kOff[t];
  const qi = qt + i * E;
  const kj = kt + j * E;
  let dot = 0;
  for (let e = 0; e < E; e++) {
    const pq = qi + e;
    const pk = kj + e;
    dot += q[pq] * k[pk];
  }
  return dot * scale + b;
}`;
}

/** Pass 2, one thread per output element: o_ie = Σ_j w_ij v_je. */
export const weightedSumSource = `function (w, v, vOff, L, S, Ev) {
  const idx = this.thread.x;
  const row = Math.floor((idx + 0.5) / Ev);
  const e = idx - row * Ev;
  const t = Math.floor((row + 0.5) / L);
  const wi = row * S;
  const vt = vOff[t];
  const ve = vt + e;
  let sum = 0;
  for (let j = 0; j < S; j++) {
    const pw = wi + j;
    const pv = ve + j * Ev;
    sum += w[pw] * v[pv];
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
  const fromWeights = `
  dp = dW[idx];`;
  const fromOut = `
  const j = idx - row * S;
  const t = Math.floor((row + 0.5) / L);
  const vt = vOff[t];
  const vj = vt + j * Ev;
  const o = row * Ev;
  for (let e = 0; e < Ev; e++) {
    const po = o + e;
    const pv = vj + e;
    dp += dOut[po] * v[pv];
  }`;
  const dropped = `
  dp = dp * drop[idx];`;
  return `function (${args}) {
  const idx = this.thread.x;
  const row = Math.floor((idx + 0.5) / S);
  const p = probs[idx];
  if (p == 0) {
    return 0;
  }
  let dp = 0;${v.dWeights ? fromWeights : ''}${v.dOut ? fromOut : ''}${v.drop ? dropped : ''}
  const d = rowDot[row];
  return p * (dp - d);
}`;
}

/** dq_ie = scale Σ_j ds_ij k_je, at flat index `r` of [T, L, E]. */
const dqBody = (r: string) => `
    const rowq = Math.floor((${r} + 0.5) / E);
    const eq = ${r} - rowq * E;
    const tq = Math.floor((rowq + 0.5) / L);
    const si = rowq * S;
    const kt = kOff[tq];
    const ke = kt + eq;
    let sq = 0;
    for (let j = 0; j < S; j++) {
      const ps = si + j;
      const pk = ke + j * E;
      sq += dS[ps] * k[pk];
    }
    return sq * scale;`;

/** dk_je = scale Σ_i ds_ij q_ie, at flat index `r` of [T, S, E]. */
const dkBody = (r: string) => `
    const tjk = Math.floor((${r} + 0.5) / E);
    const ek = ${r} - tjk * E;
    const tk = Math.floor((tjk + 0.5) / S);
    const jk = tjk - tk * S;
    const sj = tk * L * S + jk;
    const qt = qOff[tk];
    const qe = qt + ek;
    let sk = 0;
    for (let ik = 0; ik < L; ik++) {
      const ps = sj + ik * S;
      const pq = qe + ik * E;
      sk += dS[ps] * q[pq];
    }
    return sk * scale;`;

/** dv_je = Σ_i w_ij dO_ie, at flat index `r` of [T, S, Ev]. */
const dvBody = (r: string) => `
    const tjv = Math.floor((${r} + 0.5) / Ev);
    const ev = ${r} - tjv * Ev;
    const tv = Math.floor((tjv + 0.5) / S);
    const jv = tjv - tv * S;
    const wj = tv * L * S + jv;
    const oe = tv * L * Ev + ev;
    let sv = 0;
    for (let iv = 0; iv < L; iv++) {
      const pw = wj + iv * S;
      const po = oe + iv * Ev;
      sv += w[pw] * dOut[po];
    }
    return sv;`;

/** Backward pass 2 as three launches: dq, dk and dv each over their own flat output. */
export const dqSource = `function (dS, k, kOff, L, S, E, scale) {
    const r = this.thread.x;${dqBody('r')}
}`;

export const dkSource = `function (dS, q, qOff, L, S, E, scale) {
    const r = this.thread.x;${dkBody('r')}
}`;

export const dvSource = `function (w, dOut, L, S, Ev) {
    const r = this.thread.x;${dvBody('r')}
}`;

/**
 * Backward pass 2 as one launch over [dq (T·L·E) | dk (T·S·E) | dv (T·S·Ev)], each thread
 * taking the branch of its range (without dOut the output stops after dk). Fewer launches
 * and uploads; where every branch costs every thread (webasm's SIMD lanes) the three
 * separate kernels are faster.
 */
export function inputGradsSource(withDv: boolean): string {
  const dvArgs = withDv ? ', w, dOut, Ev' : '';
  const dv = withDv ? `\n  const rv = idx - nQ - nK;${dvBody('rv')}` : '\n  return 0;';
  return `function (dS, q, k, qOff, kOff, L, S, E, scale, nQ, nK${dvArgs}) {
  const idx = this.thread.x;
  if (idx < nQ) {${dqBody('idx')}
  }
  if (idx < nQ + nK) {
    const rk = idx - nQ;${dkBody('rk')}
  }${dv}
}`;
}
