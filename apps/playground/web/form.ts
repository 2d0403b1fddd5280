/**
 * The settings form: the preset's defaults (with fewer steps, since a browser is slower than
 * the terminal), overridden by the address (?preset=names&steps=50&layers=2 ...), then by hand.
 */
import { isPresetName, PRESET_NAMES, PRESETS, type PresetName } from '../src/core/presets.js';
import { checkSettings, type TrainSettings } from '../src/core/settings.js';

/** Settings the form shows, in order, with their labels. */
const FIELDS: [keyof TrainSettings, string][] = [
  ['steps', 'steps'],
  ['batch', 'batch'],
  ['block', 'block'],
  ['layers', 'layers'],
  ['heads', 'heads'],
  ['embd', 'width (embd)'],
  ['lr', 'learning rate'],
  ['evalEvery', 'evaluate every'],
];

/** Steps the page starts with: enough to see the loss fall in a minute or two. */
const BROWSER_STEPS: Record<PresetName, number> = {
  names: 200,
  moby: 200,
  spam: 100,
  reverse: 300,
};

export class SettingsForm {
  private readonly params = new URLSearchParams(location.search);

  constructor(
    private readonly select: HTMLSelectElement,
    private readonly container: HTMLElement,
    private readonly blurb: HTMLElement,
  ) {
    for (const name of PRESET_NAMES) {
      const option = document.createElement('option');
      option.value = name;
      option.textContent = `${PRESETS[name].title} — ${PRESETS[name].goal}`;
      select.append(option);
    }
    const asked = this.params.get('preset');
    select.value = asked && isPresetName(asked) ? asked : 'names';
    select.addEventListener('change', () => this.fill(false));
    this.fill(true);
  }

  get preset(): PresetName {
    return this.select.value as PresetName;
  }

  /** Puts the preset's settings in the inputs; the first time, the address's values win. */
  private fill(fromAddress: boolean): void {
    const preset = PRESETS[this.preset];
    this.blurb.textContent = preset.blurb;
    this.container.replaceChildren();
    for (const [key, label] of FIELDS) {
      const value =
        (fromAddress ? this.params.get(key) : null) ??
        String(key === 'steps' ? BROWSER_STEPS[preset.name] : preset.defaults[key]);
      const wrapper = document.createElement('label');
      wrapper.textContent = label;
      const input = document.createElement('input');
      input.type = 'number';
      input.name = key;
      input.id = `setting-${key}`;
      input.step = key === 'lr' ? 'any' : '1';
      input.value = value;
      wrapper.append(input);
      this.container.append(wrapper);
    }
  }

  /** The settings as typed, checked (throws with the field named). */
  read(): TrainSettings {
    const s: TrainSettings = { ...PRESETS[this.preset].defaults };
    for (const [key] of FIELDS) {
      const input = this.container.querySelector<HTMLInputElement>(`input[name="${key}"]`)!;
      const value = Number(input.value);
      if (input.value.trim() === '' || !Number.isFinite(value))
        throw new Error(`${key} must be a number`);
      s[key] = value;
    }
    s.checkpointEvery = s.steps;
    return checkSettings(s);
  }

  setDisabled(disabled: boolean): void {
    this.select.disabled = disabled;
    for (const input of this.container.querySelectorAll('input')) input.disabled = disabled;
  }
}
