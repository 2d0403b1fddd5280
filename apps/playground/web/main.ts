/** The playground page: pick a preset, train it here, watch the loss, sample, look at attention. */
import { trainedFromCheckpoint } from '../src/core/restore.js';
import { showClassification, showSample } from '../src/core/show.js';
import type { Trained } from '../src/core/trained.js';
import { describeBackend, pickBackend } from './backend.js';
import { checkpointFromFiles } from './checkpoint-files.js';
import { SettingsForm } from './form.js';
import { renderHeatmaps } from './heatmaps.js';
import { LossChart } from './loss-chart.js';
import { TrainingSession } from './session.js';
import { yieldToBrowser } from './yield.js';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

const status = $('status');
const setStatus = (text: string, state?: string) => {
  status.textContent = text;
  if (state) status.dataset.state = state;
};
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

const form = new SettingsForm($<HTMLSelectElement>('preset'), $('settings'), $('preset-blurb'));
const chart = new LossChart($<HTMLCanvasElement>('loss-chart'));
const trainButton = $<HTMLButtonElement>('train');
const stopButton = $<HTMLButtonElement>('stop');
const sampleButton = $<HTMLButtonElement>('sample');
const attentionButton = $<HTMLButtonElement>('show-attention');
const prompt = $<HTMLInputElement>('prompt');
const attentionPrompt = $<HTMLInputElement>('attention-prompt');
const output = $('sample-output');
const report = $('report');

let trained: Trained | null = null;
let session: TrainingSession | null = null;

function useTrained(t: Trained): void {
  trained = t;
  const classifier = t.kind === 'classifier';
  sampleButton.textContent = classifier ? 'Classify' : 'Sample';
  $('prompt-label').firstChild!.textContent = classifier ? 'Text ' : 'Prompt ';
  prompt.value = t.config.preset === 'names' ? '' : t.defaultPrompt;
  attentionPrompt.value = t.defaultPrompt;
  sampleButton.disabled = false;
  attentionButton.disabled = false;
}

function runSample(): void {
  if (!trained) return;
  try {
    output.textContent =
      trained.kind === 'classifier'
        ? showClassification(trained.classify(prompt.value))
        : showSample(
            trained.sample({
              prompt: prompt.value,
              n: trained.config.preset === 'moby' ? 300 : 10,
              temperature: trained.kind === 'lm' ? 0.8 : undefined,
            }),
          );
  } catch (e) {
    output.textContent = message(e);
  }
}

function showAttention(): void {
  if (!trained) return;
  try {
    renderHeatmaps($('heatmaps'), trained.inspect(attentionPrompt.value).attention);
  } catch (e) {
    $('heatmaps').textContent = message(e);
  }
}

async function startTraining(): Promise<void> {
  let settings: ReturnType<typeof form.read>;
  try {
    settings = form.read();
  } catch (e) {
    setStatus(message(e), 'error');
    return;
  }
  form.setDisabled(true);
  trainButton.disabled = true;
  stopButton.disabled = false;
  report.textContent = '';
  chart.reset(settings.steps);
  session = new TrainingSession();
  setStatus('starting…', 'training');
  try {
    const started = performance.now();
    const result = await session.run(form.preset, settings, {
      status: (text) => setStatus(text),
      step: (r) => {
        chart.add(r);
        setStatus(
          `step ${r.step}/${settings.steps} · loss ${r.loss.toFixed(3)}${r.valLoss === undefined ? '' : ` · val ${r.valLoss.toFixed(3)}`} · ${Math.round(r.tokensPerSec).toLocaleString('en-US')} tokens/s`,
        );
      },
      evalSample: (text) => {
        output.textContent = text;
      },
    });
    useTrained(result.task.trained);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    report.textContent = result.report
      ? result.report.lines.join(' · ')
      : `stopped after step ${result.steps}`;
    setStatus(`done: ${result.steps} steps in ${seconds} s`, 'done');
    await yieldToBrowser();
    runSample();
    showAttention();
  } catch (e) {
    setStatus(`training failed: ${message(e)}`, 'error');
  } finally {
    form.setDisabled(false);
    trainButton.disabled = false;
    stopButton.disabled = true;
    session = null;
  }
}

async function loadCheckpoint(input: HTMLInputElement): Promise<void> {
  if (!input.files || input.files.length === 0) return;
  try {
    setStatus('reading the checkpoint…', 'loading');
    const checkpoint = await checkpointFromFiles(input.files);
    const t = trainedFromCheckpoint(checkpoint);
    useTrained(t);
    chart.reset(1);
    report.textContent = '';
    setStatus(`loaded a ${t.config.preset} checkpoint at step ${checkpoint.step}`, 'loaded');
    runSample();
    showAttention();
  } catch (e) {
    setStatus(`could not load the checkpoint: ${message(e)}`, 'error');
  } finally {
    input.value = '';
  }
}

trainButton.addEventListener('click', () => void startTraining());
stopButton.addEventListener('click', () => session?.stop());
sampleButton.addEventListener('click', runSample);
attentionButton.addEventListener('click', showAttention);
for (const id of ['load-dir', 'load-files']) {
  const input = $<HTMLInputElement>(id);
  input.addEventListener('change', () => void loadCheckpoint(input));
}

// the kernels first: the page says which backend runs before anything trains
trainButton.disabled = true;
const backend = await pickBackend(new URLSearchParams(location.search).get('backend'));
const label = $('backend');
label.textContent = describeBackend(backend);
label.dataset.name = backend.info.name;
if (backend.info.mode) label.dataset.mode = backend.info.mode;
if (backend.note) {
  const note = $('backend-note');
  note.textContent = backend.note;
  note.hidden = false;
}
trainButton.disabled = false;
document.body.dataset.ready = 'true';
