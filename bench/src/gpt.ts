/**
 * GPT training and sampling speed: xf beside TensorFlow.js, in one invocation. Each training
 * measurement runs in a child process of its own, so its peak resident memory is its own.
 * Prints tables and writes bench-results/gpt.json.
 *
 *   pnpm bench                                  (from the repo root: builds, then every bench)
 *   XF_BENCH_QUICK=1 pnpm --filter @xf/bench bench
 *
 * XF_BENCH_BACKENDS  xf backends, comma-separated (default wasm,wasm/1); `name/N` runs with
 *                    XF_THREADS=N
 * XF_BENCH_PEERS     tfjs backends (default wasm,cpu)
 * XF_BENCH_WARMUP, XF_BENCH_STEPS          untimed and timed steps for xf and tfjs-wasm
 * XF_BENCH_CPU_WARMUP, XF_BENCH_CPU_STEPS  the same for tfjs-cpu (seconds a step)
 * XF_BENCH_SAMPLE_TOKENS                   tokens to generate (default 200)
 * XF_BENCH_CHECK_STEPS  steps of the peer check (default 5; 0 skips it): xf and tfjs-wasm from
 *                       the same weights must give the same losses
 * XF_BENCH_QUICK=1   a short run: fewer steps everywhere
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { adamw, plan, shape } from './config.js';
import type { PeerCheck, SampleResult, TrainResult } from './results.js';
import { fmt, ratio, table } from './table.js';
import { RESULT } from './timing.js';

/** DESIGN.md's PyTorch 1.13 + OpenBLAS figure on this machine kind: a fixed reference. */
const PYTORCH_TOKENS_PER_SEC = 4582;
const packageDir = fileURLToPath(new URL('..', import.meta.url));

interface XfSpec {
  backend: string;
  threads?: number;
  label: string;
}

function xfSpecs(): XfSpec[] {
  return list('XF_BENCH_BACKENDS', 'wasm,wasm/1').map((spec) => {
    const [backend, threads] = spec.split('/');
    if (threads === undefined) return { backend, label: `xf-${backend}` };
    const n = Number(threads);
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`XF_BENCH_BACKENDS: bad thread count in '${spec}'`);
    return { backend, threads: n, label: `xf-${backend}/${n}t` };
  });
}

function list(name: string, fallback: string): string[] {
  return (process.env[name] || fallback)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Runs one child script (under tsx, like this one) and returns the JSON it reports. */
function child<R>(script: string, args: string[], env: Record<string, string> = {}): Promise<R> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', `src/${script}`, ...args], {
      cwd: packageDir,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (chunk: string) => {
      out += chunk;
    });
    proc.on('error', reject);
    proc.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(RESULT));
      if (code !== 0 || !line) {
        reject(new Error(`${script} ${args.join(' ')} exited with ${code}\n${out}`));
      } else {
        resolve(JSON.parse(line.slice(RESULT.length)) as R);
      }
    });
  });
}

const mb = (bytes: number) => bytes / 1e6;
const quick = process.env.XF_BENCH_QUICK === '1';

async function main() {
  const started = performance.now();
  const specs = xfSpecs();
  const peers = list('XF_BENCH_PEERS', 'wasm,cpu');
  const training: TrainResult[] = [];
  const sampling: SampleResult[] = [];
  const threadEnv = (s: XfSpec): Record<string, string> =>
    s.threads ? { XF_THREADS: String(s.threads) } : {};

  for (const s of specs) {
    console.error(`training ${s.label} ...`);
    const r = await child<TrainResult>('xf-train.ts', [s.backend], threadEnv(s));
    training.push({ ...r, label: s.label });
    console.error(`  ${fmt(r.tokensPerSec)} tokens/s (${r.detail})`);
  }
  for (const p of peers) {
    console.error(`training tfjs-${p} ...`);
    const r = await child<TrainResult>('tfjs-train.ts', [p]);
    training.push(r);
    console.error(`  ${fmt(r.tokensPerSec)} tokens/s (${r.detail})`);
  }
  for (const s of specs) {
    console.error(`sampling ${s.label} ...`);
    const r = await child<SampleResult>('sample.ts', [s.backend], threadEnv(s));
    sampling.push({ ...r, label: s.label });
    console.error(`  ${fmt(r.cachedTokensPerSec)} / ${fmt(r.uncachedTokensPerSec)} tokens/s`);
  }

  const checkSteps = Number(process.env.XF_BENCH_CHECK_STEPS || (quick ? 2 : 5));
  let check: PeerCheck | null = null;
  if (checkSteps > 0 && peers.includes('wasm')) {
    console.error(
      `checking the peer: ${checkSteps} steps of xf and tfjs-wasm from the same weights ...`,
    );
    check = await child<PeerCheck>('check-peer.ts', [], { XF_CHECK_STEPS: String(checkSteps) });
    console.error(`  largest loss gap ${check.largestGap.toExponential(1)}`);
  }

  const speed = (label: string) => training.find((r) => r.label === label)?.tokensPerSec;
  const ours = training[0];
  const { nLayer, nHead, nEmbd, blockSize, batchSize } = shape;

  console.log(
    `\nGPT training: ${nLayer} layers, ${nHead} heads, width ${nEmbd}, block ${blockSize}, batch ${batchSize}, ` +
      `Moby Dick characters; tokens/s over the timed steps (after warm-up)\n`,
  );
  console.log(
    table(
      [
        'run',
        'timed steps',
        'tokens/s',
        'ms/step (median)',
        'peak RSS MB',
        'loss first→last',
        '/ tfjs-wasm',
        '/ tfjs-cpu',
        '/ PyTorch ref',
      ],
      [
        ...training.map((r) => [
          r.label,
          `${r.steps} (+${r.warmup})`,
          r.tokensPerSec,
          r.medianStep * 1000,
          mb(r.peakRss),
          `${r.firstLoss.toFixed(2)}→${r.lastLoss.toFixed(2)}`,
          ratio(r.tokensPerSec, speed('tfjs-wasm')),
          ratio(r.tokensPerSec, speed('tfjs-cpu')),
          ratio(r.tokensPerSec, PYTORCH_TOKENS_PER_SEC),
        ]),
        [
          'PyTorch (not measured here)',
          '—',
          PYTORCH_TOKENS_PER_SEC,
          '—',
          '—',
          '—',
          ratio(PYTORCH_TOKENS_PER_SEC, speed('tfjs-wasm')),
          ratio(PYTORCH_TOKENS_PER_SEC, speed('tfjs-cpu')),
          '1.00×',
        ],
      ],
    ),
  );

  console.log(
    [
      ...training.map((r) => `${r.label}: ${r.detail}`),
      'PyTorch: 1.13 + OpenBLAS, the figure DESIGN.md gives for this machine kind, NOT measured in this run',
    ]
      .map((line) => `  ${line}`)
      .join('\n'),
  );

  const newTokens = sampling[0]?.newTokens ?? plan.newTokens();
  console.log(
    `\nGPT sampling (xf only): ${newTokens} new tokens after a ${blockSize}-token prompt, batch 1, best of 2\n`,
  );
  console.log(
    table(
      ['run', 'with KV cache tokens/s', 'without tokens/s', 'cache speed-up', 'same tokens'],
      sampling.map((r) => [
        r.label,
        r.cachedTokensPerSec,
        r.uncachedTokensPerSec,
        ratio(r.cachedTokensPerSec, r.uncachedTokensPerSec),
        r.sameTokens ? 'yes' : 'NO',
      ]),
    ),
  );

  const first = sampling[0];
  console.log(`\nThe bars (reported here, not asserted)\n`);
  console.log(
    table(
      ['bar', 'target', 'this run'],
      [
        [
          `training tokens/s, ${ours?.label} / tfjs-wasm`,
          '≥ 3×',
          ratio(ours?.tokensPerSec, speed('tfjs-wasm')),
        ],
        [
          `sampling ${newTokens} tokens, ${first?.label} with / without KV cache`,
          '≥ 5×',
          ratio(first?.cachedTokensPerSec, first?.uncachedTokensPerSec),
        ],
        [
          `peak RSS of the ${ours?.label} training run`,
          '< 500 MB',
          ours ? `${fmt(mb(ours.peakRss))} MB` : '—',
        ],
      ],
    ),
  );

  const notes = [
    `Every training step, on both sides: draw a batch (the same seeded random ${blockSize}-character windows of Moby Dick for every run), forward, mean cross-entropy, backward, AdamW update, read the loss back as a number.`,
    `AdamW on both sides: lr ${adamw.lr}, betas (${adamw.betas.join(', ')}), eps ${adamw.eps}, PyTorch's decoupled weight decay ${adamw.weightDecay} on ≥2-D weights (matmul weights and both embeddings), none on biases and LayerNorm; no dropout, no gradient clipping. tfjs: tf.train.adam after p ← p(1 − lr·λ), applied to the weights the gradient was taken at, as torch.optim.AdamW does.`,
    `The tfjs model matches ours: ${ours?.parameters.toLocaleString('en-US')} parameters, pre-norm blocks, learned positions, biases, tied input/output embedding, exact GELU 0.5x(1 + erf(x/√2)) written with tf.erf (tfjs-core has no GELU op), GPT-2 initialisation, causal mask as -1e9 added before the softmax.`,
    check
      ? `Same computation, checked: from the same starting weights (xf's, copied into tfjs) and the same batches, xf and tfjs-wasm gave the same loss at each of ${check.steps} steps to within ${check.largestGap.toExponential(1)} (pnpm --filter @xf/bench check-peer runs it longer). The timed runs start from each library's own random initialisation, so their losses differ a little.`
      : 'The peer check (same weights, same losses) was skipped.',
    `tfjs workarounds: its wasm backend has no gradient kernel for gather (UnsortedSegmentSum), so the token embedding is a one-hot matmul and the cross-entropy picks targets with a one-hot mask (both tfjs backends run that same code); its wasm OneHot kernel writes wrong float32 output, so one-hots are made as int32 and cast; tf.enableProdMode() is on.`,
    `tfjs-wasm runs on one thread under Node (its threaded build is switched off there); ${
      specs.some((s) => s.threads === 1)
        ? `${specs.find((s) => s.threads === 1)!.label} is xf held to one thread (XF_THREADS=1) for that comparison.`
        : 'add wasm/1 to XF_BENCH_BACKENDS to compare xf held to one thread.'
    }`,
    `Sampling: tfjs has no KV-cache generation to compare, so sampling is xf only; with the cache each step feeds the new token only, without it each step re-reads the whole window (the window restarts on its last half when full, both ways).`,
    `PyTorch: ${PYTORCH_TOKENS_PER_SEC.toLocaleString('en-US')} tokens/s is DESIGN.md's figure for this machine kind (2 vCPU), not measured in this run.`,
    `Peak RSS is process.resourceUsage().maxRSS of each training child, read right after its timed steps (MB = 10^6 bytes).`,
  ];
  console.log(`\nNotes\n${notes.map((n) => `- ${n}`).join('\n')}`);

  mkdirSync('bench-results', { recursive: true });
  writeFileSync(
    'bench-results/gpt.json',
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
        quick,
        shape,
        adamw,
        parameters: ours?.parameters,
        training,
        sampling,
        peerCheck: check,
        reference: {
          pytorchTokensPerSec: PYTORCH_TOKENS_PER_SEC,
          measured: false,
          source: 'DESIGN.md',
        },
        bars: {
          trainingVsTfjsWasm:
            ours && speed('tfjs-wasm') ? ours.tokensPerSec / speed('tfjs-wasm')! : null,
          samplingCacheSpeedup: first
            ? first.cachedTokensPerSec / first.uncachedTokensPerSec
            : null,
          trainingPeakRssMB: ours ? mb(ours.peakRss) : null,
        },
      },
      null,
      2,
    )}\n`,
  );
  console.log(
    `\nwrote bench-results/gpt.json (${((performance.now() - started) / 1000).toFixed(0)} s)`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
