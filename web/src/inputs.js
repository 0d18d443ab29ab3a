// inputs.js — builds the input form from params.js and the engine's schema, and keeps it in step with the state
// and the result.
import { h, setText as setTextOf, show, styled } from './dom.js';
import { GROUPS, PARAMS } from './params.js';
import { formFields } from './schema.js';
import { numberControl, selectControl, radioControl, toggleControl } from './controls.js';
import { profileControl } from './profile.js';
import { tipButton, setTip } from './explain.js';
import { getAt } from './state.js';
import { plain, compact, usd, hourOfWeek, rangeText } from './format.js';

const API_PRICES = [
  '/api/usd_per_mtok_input',
  '/api/usd_per_mtok_cached_input',
  '/api/usd_per_mtok_output',
  '/api/batch_discount',
];
const THROUGHPUT = '/self_host/throughput/tokens_per_second_per_replica';
/** What belongs to one GPU pick (its provider, prices, power, measured throughput): dropped when the GPU changes. */
export const GPU_OVERRIDES = [
  '/self_host/cloud/provider',
  '/self_host/cloud/usd_per_gpu_hour',
  '/self_host/cloud/spot_usd_per_gpu_hour',
  '/self_host/on_prem/usd_per_gpu',
  '/self_host/on_prem/watts_per_gpu',
  THROUGHPUT,
];

/** Catalog rows as picker choices; labels carry what a person compares on (price, memory). */
export function catalogChoices(catalog) {
  const byProvider = new Map();
  for (const m of catalog.api_models) {
    if (!byProvider.has(m.provider)) byProvider.set(m.provider, []);
    byProvider
      .get(m.provider)
      .push([
        m.id,
        `${m.name} · ${usd(m.usd_per_mtok_input, { cents: true })} in / ` +
          `${usd(m.usd_per_mtok_output, { cents: true })} out`,
      ]);
  }
  return {
    api_models: [
      ...[...byProvider].map(([label, options]) => ({ label, options })),
      { label: 'Other', options: [['custom', 'Custom prices…']] },
    ],
    models: catalog.models.map((m) => [m.id, m.name]),
    gpus: catalog.gpus.map((g) => [g.id, /\d\s?GB/.test(g.name) ? g.name : `${g.name} · ${g.vram_gb} GB`]),
  };
}

function providerChoices(gpu) {
  if (!gpu) return [['', 'Catalog default']];
  const rate = (r) =>
    `${r.provider_name} · ${usd(r.usd_per_gpu_hour, { cents: true })}/h` +
    (r.kind === 'on_demand' ? '' : ` (${r.kind.replace('_', ' ')})`);
  const def = gpu.rental.find((r) => r.provider === gpu.default_provider);
  return [['', def ? `Default: ${rate(def)}` : 'Catalog default'], ...gpu.rental.map((r) => [r.provider, rate(r)])];
}

/**
 * Builds the form into container from the rows of params.js and the engine's schema (ranges, choices, defaults):
 * a row whose key the schema lacks throws. `only` (embed mode) lists the paths to show, in order, in one fieldset
 * titled `onlyTitle`; otherwise every row, grouped. With `later`, no group is built until buildNext() is called
 * (once per group: each may then be a task of its own).
 */
export function createInputs(
  container,
  { state, catalog, schema, only = null, onlyTitle = 'Your numbers', later = false },
) {
  const choices = catalogChoices(catalog);
  const fields = formFields(schema, PARAMS);
  const controls = new Map();
  let lastProvenance = new Map(); // path → the value the engine used for it, with where it came from

  // Picking a catalog id brings that row's numbers: overrides made for the previous pick are dropped.
  const picks = {
    '/api/model': (v) => {
      for (const p of API_PRICES) state.remove(p);
      // Custom prices start from the model's: the values the engine used, by their scenario path.
      if (v === 'custom') {
        for (const p of API_PRICES) if (lastProvenance.has(p)) state.set(p, lastProvenance.get(p).value);
      }
      state.set('/api/model', v);
    },
    '/self_host/model': (v) => {
      state.remove(THROUGHPUT);
      state.set('/self_host/model', v);
    },
    '/self_host/gpu': (v) => {
      for (const p of GPU_OVERRIDES) state.remove(p);
      state.set('/self_host/gpu', v);
    },
    '/self_host/cloud/provider': (v) => {
      state.remove('/self_host/cloud/usd_per_gpu_hour');
      if (v) state.set('/self_host/cloud/provider', v);
      else state.remove('/self_host/cloud/provider');
    },
  };

  const build = (param) => {
    const c =
      param.kind === 'select'
        ? selectControl(param, state, picks[param.path])
        : param.kind === 'radio'
          ? radioControl(param, state)
          : param.kind === 'toggle'
            ? toggleControl(param, state)
            : param.kind === 'profile'
              ? profileControl(param, state)
              : numberControl(param, state);
    if (param.kind === 'select' && typeof param.choices === 'string' && choices[param.choices]) {
      c.setChoices(choices[param.choices]);
    } else if (param.kind === 'select' && Array.isArray(param.choices)) c.setChoices(param.choices);
    // An empty box means the schema's default: shown as the placeholder (catalog values come with the result).
    if (c.setPlaceholder && !param.catalog && typeof param.default === 'number') {
      const d = param.default;
      c.setPlaceholder(param.kind === 'tokens' ? compact(d) : plain(d * param.scale, { money: param.money }));
    }
    controls.set(param.path, c);
    return c.root;
  };
  const byPath = (path) => {
    const field = fields.find((p) => p.path === path);
    if (!field) throw new Error(`no params.js row for ${path}`);
    return field;
  };
  const groups = only
    ? [{ id: 'key', title: onlyTitle, params: only.map(byPath) }]
    : GROUPS.map((g) => ({ ...g, params: fields.filter((p) => p.group === g.id) }));
  /** Builds one group's fieldset (main.js builds the first in one task and each of the others in one of its own). */
  function buildGroup({ params, ...group }) {
    if (!params.length) return;
    // Rows marked advanced go, together, into one disclosure where the first of them would be.
    const nodes = [];
    let advanced = null;
    for (const param of params) {
      const el = build(param);
      if (!param.advanced || only) {
        nodes.push(el);
        continue;
      }
      if (!advanced) {
        advanced = h('details', { class: 'advanced' }, h('summary', {}, group.advanced ?? 'Advanced'));
        nodes.push(advanced);
      }
      advanced.append(el);
    }
    container.append(
      h(
        'fieldset',
        { class: 'group', id: `group-${group.id}` },
        h('legend', { class: 'group-title' }, group.title),
        nodes,
      ),
    );
  }
  const unbuilt = [...groups];
  /** Builds the next group of the form; false once every group is built. */
  function buildNext() {
    if (unbuilt.length) buildGroup(unbuilt.shift());
    return unbuilt.length > 0;
  }
  if (!later) while (buildNext());

  /** Writes the state into every control (after a preset loads, or a pick cleared overrides). */
  function sync(force = false) {
    const s = state.scenario;
    const gpu = catalog.gpus.find((g) => g.id === s.self_host?.gpu);
    controls.get('/self_host/cloud/provider')?.setChoices(providerChoices(gpu));
    for (const [path, c] of controls) {
      // A plain value the control was last given, unchanged, is not written again (formatting ~100 of them a frame
      // is most of the cost); an object may have changed inside, and a forced sync writes everything.
      const v = getAt(s, path);
      if (force || !Object.hasOwn(c, 'synced') || v !== c.synced || (v !== null && typeof v === 'object')) {
        c.sync(v, force);
        c.synced = v;
      }
      const when = c.param.when;
      show(c.root, !(Boolean(when) && Object.entries(when).some(([p, v]) => getAt(s, p) !== v)));
    }
  }

  /** The catalog source line under a catalog-filled field: where its value comes from, or a reset button. */
  function showSource(c, prov) {
    const key = JSON.stringify(prov ?? null);
    if (c.sourceKey === key) return;
    c.sourceKey = key;
    // Engine-filled values can be modeled (15,059.4987…): show them to six significant digits at most.
    const show = (v) =>
      c.param.kind === 'tokens'
        ? compact(v)
        : plain(Number((v * c.param.scale).toPrecision(6)), { money: c.param.money });
    if (!prov) {
      c.setPlaceholder('not set');
      c.source.replaceChildren();
    } else if (prov.from === 'scenario') {
      c.setPlaceholder('');
      const reset = h('button', { type: 'button', class: 'link' }, 'Use the catalog value');
      reset.addEventListener('click', () => {
        c.input.value = '';
        state.remove(c.param.path);
        c.input.focus(); // the button goes away with the override; keep the keyboard where it was
      });
      c.source.replaceChildren(h('span', {}, 'Your value. '), reset);
    } else {
      c.setPlaceholder(show(prov.value));
      const [info, desc] = tipButton({ class: 'info', 'aria-label': `Source of ${c.param.label}` }, 'source');
      const from = prov.from === 'catalog' ? 'Catalog' : 'Engine default';
      setTip(info, [
        ['tip-label', prov.from === 'catalog' ? 'From the catalog' : 'The engine’s default'],
        ['tip-formula', prov.detail],
        ['tip-value', `${prov.source}${prov.as_of ? `, as of ${prov.as_of}` : ''}`],
      ]);
      c.source.replaceChildren(h('span', {}, `${from}${prov.as_of ? `, as of ${prov.as_of}` : ''}. `), info, desc);
    }
  }

  /** Placeholders and sources from the engine's provenance of every filled-in value. */
  function applyResult(result) {
    lastProvenance = new Map(result.inputs.provenance.map((p) => [p.path, p]));
    for (const c of controls.values()) if (c.param.catalog) showSource(c, lastProvenance.get(c.param.path));
    controls.get('/workload/load_profile')?.showLoad(result.load);
  }

  /**
   * Each input with a range in the last "How sure?" result shows it under its box or slider: a band from low to
   * high (over the slider's scale, when it has one) and the range as text, with a way to edit it (onEdit(path)).
   * ranges: the result's [{ path, low, high, value, unit, from }]; the peak-hour range belongs to the load profile.
   */
  function showRanges(ranges, onEdit) {
    const byPath = new Map(ranges.map((r) => [r.path, r]));
    const child = (c, selector) => c.root.querySelector(`:scope > ${selector}`);
    for (const c of controls.values()) {
      const path = c.param.path;
      const r = byPath.get(path) ?? (c.param.kind === 'profile' ? byPath.get(`${path}/peak_to_average`) : null);
      const key = r ? JSON.stringify([r.low, r.high, r.value, r.from, r.unit]) : '';
      if (c.rangeKey === key) continue;
      c.rangeKey = key;
      if (!r) {
        c.rangeNote?.remove();
        c.rangeBand?.remove();
        c.rangeNote = c.rangeBand = null;
        continue;
      }
      if (!c.rangeNote) {
        const edit = h('button', { type: 'button', class: 'link' }, 'Edit');
        edit.addEventListener('click', () => onEdit(edit.dataset.range));
        c.rangeNote = h('p', { class: 'range-note' }, h('span', { class: 'range-text' }), ' ', edit);
        (child(c, '.ticks') ?? child(c, '.slider') ?? child(c, '.spark-box') ?? child(c, '.field-row')).after(
          c.rangeNote,
        );
        if (c.sliderFraction) {
          c.rangeBand = h('span', { class: 'range-band', 'aria-hidden': 'true' });
          child(c, '.slider').after(c.rangeBand);
        }
      }
      const [text, , edit] = c.rangeNote.childNodes;
      edit.dataset.range = r.path;
      // The engine's label ("the peak hour" for a load profile): the field's own label stays unique to it.
      edit.setAttribute('aria-label', `Edit the range of ${r.path === path ? c.param.label : r.label}`);
      const what = r.path === path ? '' : ' peak hour';
      setTextOf(
        text,
        `Plausible${what}: ${rangeText(r.low, r.high, r.unit)}${r.from === 'scenario' ? ' (your range).' : '.'}`,
      );
      c.rangeNote.classList.toggle('yours', r.from === 'scenario');
      if (c.rangeBand) {
        const [a, b, v] = [r.low, r.high, r.value].map(c.sliderFraction);
        c.rangeBand.replaceChildren(
          styled(h('span', { class: 'range-span' }), {
            left: `${a * 100}%`,
            width: `${Math.max(b - a, 0.005) * 100}%`,
          }),
          styled(h('span', { class: 'range-value' }), { left: `${v * 100}%` }),
        );
      }
    }
  }

  /** The control a problem's JSON pointer falls in (its own, or the nearest one above it), and its path. */
  function controlOf(pointer) {
    let path = pointer ?? '';
    while (path && !controls.has(path)) path = path.slice(0, path.lastIndexOf('/'));
    return [controls.get(path), path];
  }

  /**
   * Puts each problem ({path, message}) on the field its JSON pointer names, with `set` (setError or setNote);
   * returns the problems that match no visible field, with that field's label when there is one.
   */
  const clear = { setError: false, setNote: false }; // no control shows one since the last pass
  function place(problems, set) {
    if (!problems.length && clear[set]) return [];
    clear[set] = !problems.length;
    const byControl = new Map();
    const unmatched = [];
    for (const e of problems) {
      const [c, path] = controlOf(e.path);
      const rest = path && path !== e.path ? e.path.slice(path.length + 1) : '';
      const hour = /^hourly_weights\/(\d+)$/.exec(rest);
      const where = hour ? `${hourOfWeek(Number(hour[1]))}: ` : rest ? `${rest}: ` : '';
      if (c && !c.root.hidden && c[set]) byControl.set(c, [...(byControl.get(c) ?? []), where + e.message]);
      else unmatched.push({ ...e, label: c?.param.label });
    }
    for (const c of controls.values()) {
      const message = byControl.get(c)?.join('; ') ?? '';
      c[set]?.(message);
      // A problem in a closed disclosure would be invisible: open it.
      const disclosure = message && c.root.closest('details');
      if (disclosure && !disclosure.open) disclosure.open = true;
    }
    return unmatched;
  }
  const showErrors = (errors) => place(errors, 'setError');
  /** The problems with the label of the field each belongs to, where there is one. */
  const labelled = (problems) => problems.map((e) => ({ ...e, label: controlOf(e.path)[0]?.param.label }));
  const showWarnings = (warnings) =>
    place(
      warnings.filter((w) => typeof w === 'object'),
      'setNote',
    );

  /**
   * The inputs as shown, for the Markdown summary: [{ group, label, value, unit, from }] for every visible field;
   * from is 'catalog' (an empty box showing the catalog's value), 'default' (the documented default) or 'set'.
   */
  function describe() {
    const s = state.scenario;
    const out = [];
    for (const [path, c] of controls) {
      if (c.root.hidden) continue;
      const p = c.param;
      const group = GROUPS.find((g) => g.id === p.group)?.title ?? '';
      const v = getAt(s, path);
      const input = c.input;
      let value;
      if (p.kind === 'select' || p.kind === 'profile') value = input.selectedOptions[0]?.textContent ?? '';
      else if (p.kind === 'radio') value = p.choices.find(([k]) => k === v)?.[1] ?? String(v ?? '');
      else if (p.kind === 'toggle') value = v ? 'Yes' : 'No';
      else value = input.value || input.placeholder;
      const unit = p.kind === 'number' || p.kind === 'tokens' ? p.unit : '';
      const from =
        p.catalog && v === undefined ? 'catalog' : JSON.stringify(v) === JSON.stringify(p.default) ? 'default' : 'set';
      out.push({ group, label: p.label, value, unit, from });
    }
    return out;
  }

  return { sync, applyResult, showRanges, showErrors, showWarnings, labelled, describe, controls, buildNext };
}
