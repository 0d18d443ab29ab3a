// picker.js — the scenario picker: the defaults, the presets, and what a link, the autosave or a file brought when
// it is none of those ("From the link: …"), which the picker can go back to.
import { h } from './dom.js';
import { overlay } from './state.js';

const SOURCES = { link: 'From the link', saved: 'Saved in this browser', import: 'Imported' };

/**
 * The picker's entry for a scenario that is neither the defaults nor a preset: where it came from and its name. A
 * name kept from the defaults or a preset says so, since those names state a volume the scenario may no longer have
 * (a link that sets 5B tokens keeps "Support assistant, 2B tokens/month").
 */
export function currentLabel(source, scenario, { defaults, presets }) {
  const from = `${SOURCES[source] ?? 'Current'}: `;
  const name = scenario.name;
  if (!name) return `${from}unnamed scenario`;
  if (name === defaults.name) return `${from}the default, changed`;
  return presets.some((p) => p.name === name) ? `${from}${name}, changed` : from + name;
}

/** select: the <select>; show(source) redraws it for the scenario on screen, naming where it came from. */
export function createScenarioPicker(select, { engine, state, defaults, presets }) {
  // Scenarios compare by what differs from the defaults; one that does not validate is none of the presets.
  const minimal = (s) => {
    const envelope = engine.minimize(s);
    return envelope.ok ? JSON.stringify(envelope.result) : null;
  };
  const defaultMinimal = minimal(defaults);
  const presetMinimal = new Map(presets.map((p) => [p.id, minimal(overlay(defaults, p.scenario))]));
  let brought = null; // the scenario the "From the link / Saved / Imported" entry goes back to

  function show(source) {
    const now = minimal(state.scenario);
    const preset =
      now === null ? undefined : now === defaultMinimal ? '' : [...presetMinimal].find(([, m]) => m === now)?.[0];
    if (preset === undefined) brought = structuredClone(state.scenario);
    select.replaceChildren(
      h('option', { value: '' }, `Default: ${defaults.name}`),
      ...presets.map((p) => h('option', { value: p.id }, p.name)),
      preset === undefined
        ? h('option', { value: 'current' }, currentLabel(source, state.scenario, { defaults, presets }))
        : null,
    );
    select.value = preset ?? 'current';
    select.disabled = false; // from the first show on: until then it holds the boot's preview entries
  }

  select.addEventListener('change', () => {
    const p = presets.find((x) => x.id === select.value);
    state.replace(select.value === 'current' ? brought : p ? overlay(defaults, p.scenario) : defaults);
  });
  return { show };
}
