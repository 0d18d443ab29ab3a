// howsure.js — the "How sure?" section: the engine's confidence sentence and flip sentence, P10/P50/P90, the
// histogram of self-hosting's monthly saving with $0 marked, the tornado, the flip points, and every range in use
// with its source, to edit, clear or switch off. Formatting only: every figure is one the engine returned; edits
// go through the state like any input (links, autosave and undo follow).
import { h, $, attr, setText, reconcile, show, styled, uid } from './dom.js';
import { compact, count, inUnit, parseAmount, percent, plain, rangeText, usd } from './format.js';
import { PARAMS, GROUPS } from './params.js';
import { schemaAt } from './schema.js';

export const RANGES = '/uncertainty/ranges';
export const ENABLED = '/uncertainty/enabled';
export const DEFAULT_RANGES = '/uncertainty/default_ranges';
export const SAMPLES = '/uncertainty/samples';
export const SEED = '/uncertainty/seed';
/** The scenario pointer of the range on the input at `path`: /uncertainty/ranges/~1workload~1tokens_per_month. */
export const rangePointer = (path) => `${RANGES}/${path.replace(/~/g, '~0').replace(/\//g, '~1')}`;
const unescapeToken = (t) => t.replace(/~1/g, '/').replace(/~0/g, '~');

const TORNADO_ROWS = 10; // the rest are listed by name
const FLIPS_SHOWN = 5; // the rest in a disclosure
const PENDING_MS = 200; // sampling longer than this dims the last answer and shows the progress
const capital = (s) => (s ? s[0].toUpperCase() + s.slice(1) : s);
const DIST_LABELS = { triangular: 'Triangular', uniform: 'Uniform' };

/** A range box's text from a value in the scenario's unit, and back (scale: the form's, e.g. 100 for a share). */
function boxText(v, p) {
  if (typeof v !== 'number') return typeof v === 'string' ? v : '';
  if (p.kind === 'tokens') return compact(v);
  return plain(Number((v * p.scale).toPrecision(6)), { money: p.money });
}
function boxValue(text, p) {
  if (text.trim() === '') return undefined;
  const n = parseAmount(text);
  if (n == null) return text; // the engine names the problem
  return p.scale === 1 ? n : Number((n / p.scale).toPrecision(12));
}

/**
 * One horizontal tornado bar: the saving at the input's low (top half) and high (bottom half) around the value.
 * Drawn twice per row: in its own column, and under the input's name where the table is narrow (CSS shows one).
 */
function tornadoBar(row, point, x, cls = '') {
  const seg = (cls, to) => {
    if (to == null) return null;
    const [a, b] = [x(point), x(to)].sort((m, n) => m - n);
    return styled(h('span', { class: `hs-seg ${cls}` }), { left: `${a}%`, width: `${Math.max(b - a, 0.4)}%` });
  };
  return h(
    'span',
    { class: `hs-track ${cls}`.trim(), 'aria-hidden': 'true' },
    styled(h('span', { class: 'hs-side api' }), { width: `${x(0)}%` }),
    styled(h('span', { class: 'hs-side self' }), { left: `${x(0)}%` }),
    seg('low', row.saving_at_low),
    seg('high', row.saving_at_high),
    styled(h('span', { class: 'hs-zero' }), { left: `${x(0)}%` }),
    styled(h('span', { class: 'hs-point' }), { left: `${x(point)}%` }),
  );
}

/**
 * The line under the verdict sentence (line), from a "How sure?" result r: the engine's confidence (under a hybrid
 * verdict, about the hybrid's floor when samples were drawn). The first paint draws it from the boot data, before
 * the section is built.
 */
export function drawConfidenceLine(line, r) {
  line.replaceChildren(h('strong', {}, 'How sure? '), r.confidence.message);
  line.dataset.code = r.confidence.code;
}

/**
 * root: the section; verdictLine: the line under the verdict sentence. catalog: its default_ranges say which inputs
 * have a sourced range; schema: the inputs a range may go on.
 */
export function createHowSure(root, { state, catalog, schema, verdictLine }) {
  const params = new Map(PARAMS.map((p) => [p.path, p]));
  const defaults = new Map((catalog.default_ranges ?? []).map((r) => [r.path, r]));
  const rangeKeys = Object.keys(schemaAt(schema, RANGES)?.properties ?? {});
  const presentation = (path) => params.get(path) ?? { path, kind: 'number', scale: 1, unit: '' };
  /** A label for an input the last result did not name (a range switched off, or just added). */
  const labelOf = (path) => {
    const p = params.get(path);
    if (p) return p.label;
    const d = defaults.get(path);
    return d ? capital(d.label) : path;
  };
  // The rows' order: the form's, the peak hour with the load profile, anything else after.
  const formOrder = PARAMS.flatMap((p) => (p.kind === 'profile' ? [p.path, `${p.path}/peak_to_average`] : [p.path]));
  const rank = (path) => (formOrder.includes(path) ? formOrder.indexOf(path) : formOrder.length);
  let last = null; // the last good sensitivity result
  let pendingTimer = 0;
  let lastScenario = null;

  // The switch, the status and the body.
  const enabledId = uid('in');
  const enabled = h('input', { id: enabledId, type: 'checkbox' });
  enabled.addEventListener('change', () => (enabled.checked ? state.remove(ENABLED) : state.set(ENABLED, false)));
  $('#howsure-switch', root).append(
    h(
      'div',
      { class: 'toggle-row hs-switch', 'data-path': ENABLED },
      enabled,
      h('label', { for: enabledId }, 'Use ranges'),
    ),
  );
  const progress = h('progress', { max: 1, value: 0, 'aria-label': 'Sampling' });
  const statusText = h('span');
  const status = $('#howsure-status', root);
  status.append(progress, statusText);

  const confidence = h('p', { class: 'hs-confidence', role: 'status' });
  // The engine samples the two pure options only: when the verdict is the hybrid, this says so.
  const pure = h('p', { class: 'notice notice-info hs-pure', hidden: true });
  let point = null; // the point result's verdict and hybrid, from point()
  const change = h('p', { class: 'hs-change' });
  const meta = h('p', { class: 'help hs-meta' });
  const problem = h('div', { class: 'notice notice-error', hidden: true });
  const notes = h('div', { class: 'notice notice-warning hs-notes', hidden: true });
  const off = h(
    'p',
    { class: 'notice notice-info hs-off', hidden: true },
    'Ranges are off: no Monte Carlo and no tornado, only the point result. The flip points below still hold.',
  );

  // P10 / P50 / P90.
  const spreadBody = h('tbody');
  const spread = h(
    'table',
    { class: 'hs-spread' },
    h('caption', {}, 'A month, across the plausible scenarios'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Figure')),
        h('th', { scope: 'col', class: 'num' }, 'P10'),
        h('th', { scope: 'col', class: 'num' }, 'P50'),
        h('th', { scope: 'col', class: 'num' }, 'P90'),
        h('th', { scope: 'col', class: 'num hs-entered' }, 'As entered'),
      ),
    ),
    spreadBody,
  );

  // The histogram: bars as a picture (its name says what it shows), and the bins as a table for anyone.
  const histId = uid('hist');
  const histBars = h('div', { class: 'hs-bars' });
  const histZero = h('span', { class: 'hs-hzero' }, h('span', { class: 'hs-hzero-label' }, '$0'));
  const histPoint = h('span', { class: 'hs-hpoint' });
  const histAxis = h('div', { class: 'hs-haxis', 'aria-hidden': 'true' }, h('span'), h('span'));
  const histPicture = h(
    'div',
    {
      class: 'hs-hist',
      role: 'img',
      'aria-label': 'Histogram of self-hosting’s saving a month',
      'aria-describedby': histId,
    },
    histBars,
    histZero,
    histPoint,
  );
  const histCaption = h('p', { class: 'help', id: histId });
  const histRows = h('tbody');
  const histFigure = h(
    'figure',
    { class: 'hs-histfig' },
    h('figcaption', {}, h('h3', { class: 'hs-h3' }, 'Self-hosting’s saving a month, scenario by scenario')),
    h(
      'div',
      { class: 'legend', 'aria-hidden': 'true' },
      h('span', { class: 'key hs-api' }, 'The API cheaper'),
      h('span', { class: 'key hs-self' }, 'Self-hosting cheaper'),
    ),
    histPicture,
    histAxis,
    histCaption,
    h(
      'details',
      { class: 'hs-table', ontoggle: (e) => e.target.open && drawBins() },
      h('summary', {}, 'The histogram as a table'),
      h(
        'table',
        { class: 'hs-bins' },
        h('caption', { class: 'visually-hidden' }, 'Samples by self-hosting’s saving a month'),
        h(
          'thead',
          {},
          h('tr', {}, h('th', { scope: 'col' }, 'Saving a month'), h('th', { scope: 'col', class: 'num' }, 'Samples')),
        ),
        histRows,
      ),
    ),
  );
  const mc = h('div', { class: 'hs-mc' }, histFigure, h('div', { class: 'hs-side-col' }, spread, meta));

  // The tornado, a table whose first column holds the bar (hidden from screen readers: the figures are the text).
  const tornadoBody = h('tbody');
  const tornadoHelp = h(
    'p',
    { class: 'help' },
    'Self-hosting’s saving a month with one input at the low and at the high end of its range, the rest as entered. ' +
      'Left of $0 the API is cheaper.',
  );
  const tornado = h(
    'table',
    { class: 'hs-tornado' },
    h('caption', { class: 'visually-hidden' }, 'Tornado: the saving at each input’s low and high'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Input and its range'),
        h(
          'td',
          { class: 'hs-barcell hs-axis', 'aria-hidden': 'true' },
          h('span', {}, '← API cheaper'),
          h('span', {}, 'Self-hosting cheaper →'),
        ),
        h('th', { scope: 'col', class: 'num' }, 'At its low'),
        h('th', { scope: 'col', class: 'num' }, 'At its high'),
        h('th', { scope: 'col', class: 'num hs-swing' }, 'Swing'),
      ),
    ),
    tornadoBody,
  );
  const tornadoLegend = h(
    'div',
    { class: 'legend', 'aria-hidden': 'true' },
    h('span', { class: 'key hs-low' }, 'Input at its low'),
    h('span', { class: 'key hs-high' }, 'At its high'),
    h('span', { class: 'key hs-zerokey' }, '$0'),
    h('span', { class: 'key hs-pointkey' }, 'As entered'),
  );
  const noEffect = h('p', { class: 'help hs-noeffect' });
  const tornadoBox = h(
    'div',
    { class: 'hs-tornado-box' },
    h('h3', { class: 'hs-h3' }, 'What moves the saving most'),
    tornadoHelp,
    tornadoLegend,
    tornado,
    noEffect,
  );

  // The flip points.
  const flipsTitle = h('h3', { class: 'hs-h3' });
  const flipsList = h('ul', { class: 'hs-flips' });
  const noFlip = h('p', { class: 'help hs-noflip' });
  const flipsMore = h(
    'details',
    { class: 'hs-more', hidden: true },
    h('summary', {}, 'More'),
    h('ul', { class: 'hs-flips' }),
  );
  const flipsBox = h('div', { class: 'hs-flips-box' }, flipsTitle, flipsList, flipsMore, noFlip);

  // Every range in use, to edit; the settings of the sampler.
  const rangesSummary = h('summary', {}, 'Ranges in use');
  const rangesList = h('div', { class: 'hs-rows' });
  const settings = settingsControls();
  const adder = addControls();
  const rangesBox = h(
    'details',
    { class: 'hs-ranges', id: 'howsure-ranges', 'data-path': RANGES },
    rangesSummary,
    h(
      'p',
      { class: 'help' },
      'Each range is the span the input plausibly takes, in its own unit: the value is sampled between low and high ' +
        '(triangular: the value as entered is the most likely; uniform: any value in the range as likely). Your ' +
        'ranges replace the sourced defaults and travel in links.',
    ),
    rangesList,
    adder.root,
    settings.root,
  );

  const body = $('#howsure-body', root);
  body.append(problem, pure, confidence, change, off, notes, mc, tornadoBox, flipsBox, rangesBox);

  const hybridVerdict = () => point?.choice === 'hybrid';
  const drawVerdictLine = (r) => drawConfidenceLine(verdictLine, r);
  function drawPure(r) {
    pure.hidden = !hybridVerdict();
    if (!hybridVerdict()) return;
    const k = point.floor_replicas;
    const hy = r?.monte_carlo.hybrid; // r: the last sampling's, or null before one
    setText(
      pure,
      `The verdict is the hybrid (a self-hosted floor of ${count(k)} ${k === 1 ? 'replica' : 'replicas'} with ` +
        'the overflow on the API). ' +
        (hy
          ? `The sampling prices it too: it is the cheapest option in ${percent(hy.probability_cheapest)} of the ` +
            `samples (± ${percent(hy.standard_error, 2)}). The spread, the tornado and the flip points below ` +
            'compare the two pure options, the API alone and self-hosting everything.'
          : 'Everything below compares only the two pure options, the API alone and self-hosting everything.'),
    );
  }

  /** The sampler's settings: the sourced defaults on or off, samples, seed. */
  function settingsControls() {
    const defId = uid('in');
    const useDefaults = h('input', { id: defId, type: 'checkbox' });
    useDefaults.addEventListener('change', () =>
      useDefaults.checked ? state.remove(DEFAULT_RANGES) : state.set(DEFAULT_RANGES, false),
    );
    const number = (path, label, help) => {
      const id = uid('in');
      const errorId = uid('err');
      const node = schemaAt(schema, path);
      const box = h('input', {
        id,
        type: 'text',
        inputmode: 'numeric',
        class: 'num',
        autocomplete: 'off',
        placeholder: count(node?.default),
        'aria-describedby': errorId,
      });
      const error = h('p', { class: 'error', id: errorId, hidden: true });
      box.addEventListener('input', () => {
        const v = boxValue(box.value, { scale: 1 });
        if (v === undefined) state.remove(path);
        else state.set(path, v);
      });
      const root = h(
        'div',
        { class: 'hs-setting', 'data-path': path },
        h('label', { for: id, class: 'field-label' }, label, h('span', { class: 'unit' }, help)),
        box,
        error,
      );
      return { root, box, error, path };
    };
    const samples = number(SAMPLES, 'Samples', 'more is steadier and slower');
    const seed = number(SEED, 'Seed', 'the same seed gives the same result');
    const root = h(
      'div',
      { class: 'hs-settings' },
      h(
        'div',
        { class: 'toggle-row hs-setting', 'data-path': DEFAULT_RANGES },
        useDefaults,
        h('label', { for: defId }, 'Use the sourced default ranges (assets/catalog/ranges.json)'),
      ),
      samples.root,
      seed.root,
    );
    return {
      root,
      numbers: [samples, seed],
      sync(s) {
        const on = s.uncertainty?.default_ranges !== false;
        if (useDefaults.checked !== on) useDefaults.checked = on;
        for (const n of [samples, seed]) {
          const v = s.uncertainty?.[n.path.split('/').pop()];
          const text = typeof v === 'number' ? count(v) : (v ?? '');
          if (document.activeElement !== n.box && n.box.value !== text) n.box.value = text;
        }
      },
    };
  }

  /** "Add a range" on an input that has none: the input, low, high, shape. */
  function addControls() {
    const pickId = uid('in');
    const pick = h('select', { id: pickId });
    const lowBox = h('input', {
      type: 'text',
      inputmode: 'decimal',
      class: 'num',
      'aria-label': 'Low of the new range',
    });
    const highBox = h('input', {
      type: 'text',
      inputmode: 'decimal',
      class: 'num',
      'aria-label': 'High of the new range',
    });
    const unit = h('span', { class: 'unit' });
    const message = h('p', { class: 'help', role: 'status' });
    const add = h('button', { type: 'button', class: 'tool' }, 'Add the range');
    pick.addEventListener('change', () => setText(unit, presentation(pick.value).unit ?? ''));
    add.addEventListener('click', () => {
      const p = presentation(pick.value);
      const low = boxValue(lowBox.value, p);
      const high = boxValue(highBox.value, p);
      if (low === undefined || high === undefined) {
        setText(message, 'Enter a low and a high, in the unit shown.');
        return;
      }
      const path = pick.value;
      state.set(rangePointer(path), { low, high });
      lowBox.value = '';
      highBox.value = '';
      setText(message, `Range added on ${labelOf(path)}.`);
      requestAnimationFrame(() => focusRange(path));
    });
    const root = h(
      'div',
      { class: 'hs-add' },
      h('label', { for: pickId, class: 'field-label' }, 'Add a range on another input'),
      h('div', { class: 'hs-add-row' }, pick, lowBox, h('span', { 'aria-hidden': 'true' }, '–'), highBox, unit, add),
      message,
    );
    return {
      root,
      /** The inputs a range may go on that have none now, in the form's order. */
      setChoices(taken) {
        const free = [
          ...PARAMS.filter((p) => rangeKeys.includes(p.path)).map((p) => p.path),
          ...rangeKeys.filter((k) => !params.has(k)),
        ].filter((k) => !taken.has(k));
        const text = free.join('\n');
        if (pick.dataset.key !== text) {
          pick.dataset.key = text;
          const keep = pick.value;
          const group = (k) => GROUPS.find((g) => g.id === params.get(k)?.group)?.title ?? 'Other';
          pick.replaceChildren(...free.map((k) => h('option', { value: k }, `${group(k)}: ${labelOf(k)}`)));
          if (free.includes(keep)) pick.value = keep;
          setText(unit, presentation(pick.value).unit ?? '');
        }
        root.hidden = free.length === 0;
      },
    };
  }

  // One row per range: kept across renders by input, so a box being typed in keeps its focus and its text.
  const rows = new Map();
  function rangeRow(path) {
    if (rows.has(path)) return rows.get(path);
    const p = presentation(path);
    const nameId = uid('name');
    const legend = h('span', { class: 'hs-row-label', id: nameId });
    const badge = h('span', { class: 'badge' });
    const errorId = uid('err');
    const error = h('p', { class: 'error', id: errorId, hidden: true });
    const box = (which) =>
      h('input', {
        type: 'text',
        inputmode: 'decimal',
        class: 'num',
        autocomplete: 'off',
        spellcheck: 'false',
        'aria-describedby': errorId,
      });
    const low = box('low');
    const high = box('high');
    const dist = h(
      'select',
      { 'aria-describedby': errorId },
      ['triangular', 'uniform'].map((d) => h('option', { value: d }, DIST_LABELS[d])),
    );
    const now = h('span', { class: 'hs-now' });
    const unit = h('span', { class: 'unit' }, p.unit || '');
    const action = h('button', { type: 'button', class: 'link' });
    const source = h('p', { class: 'help hs-source' });
    const edits = h(
      'div',
      { class: 'hs-edit' },
      h('label', { class: 'hs-box' }, h('span', { class: 'hs-box-label' }, 'Low'), low),
      h('label', { class: 'hs-box' }, h('span', { class: 'hs-box-label' }, 'High'), high),
      h('label', { class: 'hs-box' }, h('span', { class: 'hs-box-label' }, 'Shape'), dist),
      unit,
    );
    const offText = h('p', { class: 'help hs-offtext', hidden: true }, 'Its default range is switched off.');
    const el = h(
      'div',
      { class: 'hs-row', role: 'group', 'aria-labelledby': nameId, 'data-range': path },
      h('div', { class: 'hs-row-name' }, legend, ' ', badge, ' ', now),
      edits,
      offText,
      h('div', { class: 'hs-row-action' }, action),
      source,
      error,
    );
    const write = () => {
      const next = { low: boxValue(low.value, p), high: boxValue(high.value, p), dist: dist.value };
      for (const k of ['low', 'high']) if (next[k] === undefined) delete next[k];
      if (next.dist === 'triangular') delete next.dist; // the engine's default shape
      state.set(rangePointer(path), next);
    };
    low.addEventListener('input', write);
    high.addEventListener('input', write);
    dist.addEventListener('change', write);
    for (const b of [low, high]) {
      b.addEventListener('change', () => {
        const v = boxValue(b.value, p);
        if (typeof v === 'number') b.value = boxText(v, p);
      });
    }
    action.addEventListener('click', () => {
      const mode = action.dataset.mode;
      if (mode === 'off') state.set(rangePointer(path), null);
      else state.remove(rangePointer(path));
      // The row may go (a range removed): keep the keyboard in the list.
      requestAnimationFrame(() => (rows.get(path)?.el.isConnected ? action : rangesSummary).focus());
    });
    const row = { el, legend, badge, low, high, dist, now, action, source, error, edits, offText, p };
    rows.set(path, row);
    return row;
  }

  /** Draws the rows from the result's ranges and the scenario's own (including ones the result does not have yet). */
  let rowsKey = '';
  function drawRows(scenario) {
    // Every frame syncs: redraw only when the ranges or the result changed (a box being typed in is left alone).
    const key = JSON.stringify([scenario.uncertainty ?? null, last?.ranges ?? null]);
    if (key === rowsKey) return;
    rowsKey = key;
    const mine = scenario.uncertainty?.ranges ?? {};
    const byPath = new Map((last?.ranges ?? []).map((r) => [r.path, r]));
    // In the form's order, whether the result has the range yet or not: a row never moves (it would lose focus).
    const order = [...new Set([...byPath.keys(), ...Object.keys(mine)])].sort((a, b) => rank(a) - rank(b));
    const els = order.map((path) => {
      const row = rangeRow(path);
      const r = byPath.get(path);
      const user = mine[path];
      const isOff = user === null;
      const p = row.p;
      setText(row.legend, r ? capital(r.label) : labelOf(path));
      row.edits.hidden = isOff;
      row.offText.hidden = !isOff;
      const mode = isOff ? 'on' : user ? (defaults.has(path) ? 'default' : 'remove') : 'off';
      row.action.dataset.mode = mode;
      setText(
        row.action,
        {
          on: 'Use the default range',
          default: 'Back to the default range',
          remove: 'Remove the range',
          off: 'Switch it off',
        }[mode],
      );
      row.action.setAttribute('aria-label', `${row.action.textContent}: ${row.legend.textContent}`);
      setText(row.badge, isOff ? 'Off' : user ? 'Your range' : 'Default');
      row.badge.className = `badge ${isOff ? 'off' : user ? 'yours' : 'default'}`;
      setText(row.now, r && !isOff ? `now ${inUnit(r.value, r.unit)}` : '');
      const lowV = user && typeof user === 'object' ? user.low : r?.low;
      const highV = user && typeof user === 'object' ? user.high : r?.high;
      if (document.activeElement !== row.low) row.low.value = boxText(lowV, p);
      if (document.activeElement !== row.high) row.high.value = boxText(highV, p);
      row.dist.value = (user && typeof user === 'object' ? user.dist : r?.dist) ?? 'triangular';
      for (const [b, which] of [
        [row.low, 'Low'],
        [row.high, 'High'],
      ]) {
        b.setAttribute('aria-label', `${which}, ${row.legend.textContent}${p.unit ? ` (${p.unit})` : ''}`);
      }
      row.dist.setAttribute('aria-label', `Shape, ${row.legend.textContent}`);
      const d = r?.from === 'default' ? r : null;
      const def = defaults.get(path);
      setText(
        row.source,
        d
          ? `${d.reason} Source: ${d.source}${d.as_of ? `, as of ${d.as_of}` : ''}.`
          : isOff && def
            ? `Default: ${def.reason}`
            : user
              ? 'Your range: it replaces any default and travels in the link.'
              : '',
      );
      return row.el;
    });
    reconcile(rangesList, els);
    for (const [path, row] of rows) {
      if (order.includes(path)) continue;
      rows.delete(path);
      row.el.remove();
    }
    const inUse = (last?.ranges ?? []).length;
    setText(
      rangesSummary,
      `Ranges in use: ${count(inUse)} ${inUse === 1 ? 'input' : 'inputs'} — sources, and your own`,
    );
    adder.setChoices(new Set(order));
  }

  function drawSpread(r) {
    const m = r.monte_carlo;
    const rows = [
      ['Self-hosting’s saving', m.saving_usd_per_month, r.saving_usd_per_month],
      ['API cost', m.api_usd_per_month, r.api_usd_per_month],
      ['Self-hosting cost', m.self_host_usd_per_month, r.self_host_usd_per_month],
    ];
    spreadBody.replaceChildren(
      ...rows.map(([label, s, point]) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, label),
          h('td', { class: 'num' }, usd(s.p10)),
          h('td', { class: 'num' }, usd(s.p50)),
          h('td', { class: 'num' }, usd(s.p90)),
          h('td', { class: 'num hs-entered' }, usd(point)),
        ),
      ),
    );
    setText(
      meta,
      `Probability that self-hosting is cheaper: ${percent(m.probability_self_host_cheaper)} ± ` +
        `${percent(m.standard_error, 2)} (one standard error), from ${count(m.samples)} samples, seed ${m.seed}, ` +
        `${count(r.ranges.length)} ${r.ranges.length === 1 ? 'input' : 'inputs'} with a range.` +
        (m.infeasible
          ? ` In ${count(m.infeasible)} of them the model does not fit the replica; they count as the API cheaper.`
          : ''),
    );
  }

  function drawHistogram(r) {
    const m = r.monte_carlo;
    const { edges, counts } = m.histogram;
    const lo = edges[0];
    const hi = edges[edges.length - 1];
    const span = hi - lo || 1;
    const top = Math.max(...counts, 1);
    const bars = counts.map((n, i) => {
      const mid = (edges[i] + edges[i + 1]) / 2;
      return styled(h('span', { class: `hs-bar ${mid < 0 ? 'api' : 'self'}` }), { height: `${(n / top) * 100}%` });
    });
    histBars.replaceChildren(...bars);
    const at = (v) => `${((v - lo) / span) * 100}%`;
    histZero.hidden = !(lo <= 0 && hi >= 0);
    histZero.style.left = at(0);
    histPoint.hidden = !(lo <= r.saving_usd_per_month && hi >= r.saving_usd_per_month);
    histPoint.style.left = at(r.saving_usd_per_month);
    setText(histAxis.children[0], usd(lo));
    setText(histAxis.children[1], usd(hi));
    const side = lo > 0 ? ' All of it lies above $0.' : hi < 0 ? ' All of it lies below $0.' : '';
    setText(
      histCaption,
      `${count(m.samples)} plausible scenarios, from ${usd(lo)} to ${usd(hi)} a month (the 1st to the 99th ` +
        `percentile; the end bars also hold the tails). Self-hosting is cheaper in ${count(m.self_host_cheaper)} ` +
        `of them; the median saving is ${usd(m.saving_usd_per_month.p50)}, as entered ${usd(r.saving_usd_per_month)}.` +
        side,
    );
    histPicture.setAttribute('aria-label', 'Histogram of self-hosting’s saving a month');
    binsDrawn = null;
    if (histRows.closest('details').open) drawBins();
  }

  /** The histogram's bins as table rows: drawn when the table is opened (40 rows nobody may read). */
  let binsDrawn = null;
  function drawBins() {
    const hist = last?.monte_carlo.histogram;
    if (!hist || binsDrawn === hist) return;
    binsDrawn = hist;
    histRows.replaceChildren(
      ...hist.counts.map((n, i) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, `${usd(hist.edges[i])} to ${usd(hist.edges[i + 1])}`),
          h('td', { class: 'num' }, count(n)),
        ),
      ),
    );
  }

  function drawTornado(r) {
    const moving = r.tornado.filter((t) => t.swing > 0);
    const still = r.tornado.filter((t) => !(t.swing > 0));
    const shown = moving.slice(0, TORNADO_ROWS);
    const rest = moving.slice(TORNADO_ROWS);
    const point = r.saving_usd_per_month;
    const values = [0, point, ...shown.flatMap((t) => [t.saving_at_low, t.saving_at_high]).filter((v) => v != null)];
    const min = Math.min(...values);
    const max = Math.max(...values);
    const pad = (max - min) * 0.04 || 1;
    const x = (v) => ((v - (min - pad)) / (max - min + 2 * pad)) * 100;
    tornadoBody.replaceChildren(
      ...shown.map((t) =>
        h(
          'tr',
          { class: t.crosses_verdict ? 'crosses' : null },
          h(
            'th',
            { scope: 'row' },
            h('span', { class: 'hs-label' }, capital(t.label)),
            t.crosses_verdict ? h('span', { class: 'badge crosses' }, 'flips the verdict') : null,
            h('span', { class: 'hs-range' }, `${rangeText(t.low, t.high, t.unit)}, now ${inUnit(t.value, t.unit)}`),
            tornadoBar(t, point, x, 'hs-inline'),
          ),
          h('td', { class: 'hs-barcell', 'aria-hidden': 'true' }, tornadoBar(t, point, x)),
          h('td', { class: 'num' }, usd(t.saving_at_low)),
          h('td', { class: 'num' }, usd(t.saving_at_high)),
          h('td', { class: 'num hs-swing' }, usd(t.swing)),
        ),
      ),
    );
    const names = (list) => list.map((t) => t.label).join(', ');
    setText(
      noEffect,
      [
        rest.length ? `Also moving it, less: ${names(rest)}.` : '',
        still.length
          ? `${count(still.length)} ${still.length === 1 ? 'input has a range but no' : 'inputs have a range but no'} ` +
            `effect on this scenario: ${names(still)}.`
          : '',
      ]
        .filter(Boolean)
        .join(' '),
    );
    tornadoBox.hidden = r.tornado.length === 0;
    tornado.hidden = shown.length === 0;
    tornadoLegend.hidden = shown.length === 0;
    tornadoHelp.hidden = shown.length === 0;
  }

  function drawFlips(r) {
    const flipping = r.flips.filter((f) => f.flip != null);
    const fixed = r.flips.filter((f) => f.flip == null);
    const winner = flipping[0]?.winner ?? (r.choice === 'api' ? 'self_host' : 'api');
    setText(
      flipsTitle,
      `What would have to be true for ${winner === 'api' ? 'the API' : 'self-hosting'} to be cheaper` +
        (hybridVerdict() ? (winner === 'api' ? ' than self-hosting everything' : ' than the API alone') : ''),
    );
    const item = (f) =>
      h(
        'li',
        {},
        h('span', {}, capital(f.clause)),
        f.inside_range ? h('span', { class: 'badge crosses' }, 'within its range') : null,
      );
    const more = flipping.slice(FLIPS_SHOWN);
    flipsList.replaceChildren(...flipping.slice(0, FLIPS_SHOWN).map(item));
    flipsMore.hidden = more.length === 0;
    setText(flipsMore.firstChild, `${count(more.length)} more, less plausible`);
    flipsMore.lastChild.replaceChildren(...more.map(item));
    flipsList.hidden = flipping.length === 0;
    setText(
      noFlip,
      fixed.length
        ? `${flipping.length ? 'One at a time, no' : 'No'} value in its accepted range flips it for ` +
            `${fixed.map((f) => f.label).join(', ')}.`
        : '',
    );
    flipsBox.hidden = r.flips.length === 0;
  }

  // Warnings about ranges (one that does not hold its value, and was widened): the evaluation's and the sampling's.
  const aboutRanges = (w) => typeof w === 'object' && w.path?.startsWith('/uncertainty');
  let evaluateNotes = [];
  let samplingNotes = [];
  function drawNotes() {
    const messages = [...new Set([...evaluateNotes, ...samplingNotes].map((w) => w.message))];
    const text = messages.join('\n');
    if (notes.dataset.key !== text) {
      notes.dataset.key = text;
      notes.replaceChildren(
        h(
          'ul',
          {},
          messages.map((m) => h('li', {}, m)),
        ),
      );
    }
    notes.hidden = messages.length === 0;
  }

  /** Where an error or warning under /uncertainty goes: [the element to mark, the row] or null. */
  function targetOf(pointer) {
    if (!pointer?.startsWith('/uncertainty')) return null;
    if (pointer.startsWith(`${RANGES}/`)) {
      const [token, field] = pointer.slice(RANGES.length + 1).split('/');
      const row = rows.get(unescapeToken(token));
      if (!row) return null;
      return { row, box: field === 'low' ? row.low : field === 'high' ? row.high : field === 'dist' ? row.dist : null };
    }
    const setting = settings.numbers.find((n) => n.path === pointer);
    return setting ? { setting } : null;
  }

  function focusRange(path) {
    rangesBox.open = true;
    const row = rows.get(path);
    (row?.edits.hidden ? row.action : row?.low)?.focus();
    (row?.el ?? rangesBox).scrollIntoView({ block: 'center' });
  }

  return {
    /** The point result's verdict: under a hybrid verdict the section says what its parts compare. */
    point(result) {
      const next = { choice: result.verdict.choice, floor_replicas: result.hybrid?.floor_replicas ?? 0 };
      if (point && next.choice === point.choice && next.floor_replicas === point.floor_replicas) return;
      point = next;
      drawPure(last);
      if (last) {
        drawVerdictLine(last);
        drawFlips(last);
      }
    },
    /** The switches and the rows follow the state (a preset, a link, an undo). */
    sync(scenario) {
      lastScenario = scenario;
      const on = scenario.uncertainty?.enabled !== false;
      if (enabled.checked !== on) enabled.checked = on;
      settings.sync(scenario);
      drawRows(scenario);
    },
    /** Sampling has begun, or moved on: { done, total }. */
    progress({ done, total }) {
      root.setAttribute('aria-busy', 'true');
      // Most samplings end within a few frames: dim and show the progress only when one takes longer.
      pendingTimer ||= setTimeout(() => {
        root.classList.add('pending');
        verdictLine.classList.add('pending');
        status.classList.add('shown');
      }, PENDING_MS);
      progress.max = Math.max(total, 1);
      progress.value = done;
      setText(
        statusText,
        total ? `Sampling ${count(total)} plausible scenarios… ${Math.floor((done / total) * 100)}%` : 'Working…',
      );
      if (!last) {
        setText(confidence, 'Sampling plausible scenarios…');
        setText(verdictLine, 'How sure? Sampling plausible scenarios…');
      }
    },
    /** The envelope of engine.sensitivity() for the scenario on screen. */
    render(envelope, scenario) {
      clearTimeout(pendingTimer);
      pendingTimer = 0;
      root.removeAttribute('aria-busy');
      root.classList.remove('pending');
      verdictLine.classList.remove('pending');
      status.classList.remove('shown');
      if (!envelope.ok) {
        problem.hidden = false;
        problem.replaceChildren(
          h('strong', {}, '“How sure?” could not run for these inputs. '),
          envelope.errors.map((e) => `${e.path ? `${e.path}: ` : ''}${e.message}`).join('; '),
        );
        return;
      }
      problem.hidden = true;
      const r = envelope.result;
      last = r;
      samplingNotes = [...envelope.warnings, ...(r.warnings ?? [])].filter(aboutRanges);
      drawNotes();
      root.dataset.code = r.confidence.code;
      root.dataset.favors = r.confidence.favors;
      setText(confidence, r.confidence.message);
      setText(change, r.what_would_change.message);
      drawVerdictLine(r);
      drawPure(r);
      verdictLine.dataset.code = r.confidence.code;
      const sampled = r.monte_carlo.samples > 0;
      mc.hidden = !sampled;
      off.hidden = scenario.uncertainty?.enabled !== false;
      if (sampled) {
        drawSpread(r);
        drawHistogram(r);
      }
      drawTornado(r);
      drawFlips(r);
      drawRows(lastScenario ?? scenario);
    },
    /** The page shows older, valid inputs: dim this too. */
    stale(isStale) {
      root.classList.toggle('stale', isStale);
      verdictLine.classList.toggle('stale', isStale);
    },
    /** Puts problems under /uncertainty on their range or setting; returns the others. */
    showErrors(errors) {
      // Every recompute comes here: only what changes is written (an attribute written again, even to the same
      // value, makes the browser recompute the element's style).
      const byRow = new Map();
      const invalid = new Set();
      const settingError = new Map();
      const unmatched = [];
      for (const e of errors) {
        const t = targetOf(e.path);
        if (t?.row) {
          byRow.set(t.row, [...(byRow.get(t.row) ?? []), e.message]);
          for (const b of t.box ? [t.box] : [t.row.low, t.row.high]) invalid.add(b);
        } else if (t?.setting) {
          invalid.add(t.setting.box);
          settingError.set(t.setting, e.message);
          rangesBox.open = true;
        } else unmatched.push(e);
      }
      for (const row of rows.values())
        for (const b of [row.low, row.high, row.dist]) attr(b, 'aria-invalid', invalid.has(b) ? 'true' : null);
      for (const n of settings.numbers) {
        attr(n.box, 'aria-invalid', invalid.has(n.box) ? 'true' : null);
        show(n.error, settingError.has(n));
        setText(n.error, settingError.get(n) ?? '');
      }
      for (const row of rows.values()) {
        const message = byRow.get(row)?.join('; ') ?? '';
        show(row.error, Boolean(message));
        row.el.classList.toggle('invalid', Boolean(message));
        setText(row.error, message);
        if (message) rangesBox.open = true;
      }
      return unmatched;
    },
    /** Shows the warnings about ranges (a range that does not hold its value) here; returns the others. */
    showWarnings(warnings) {
      const mine = warnings.filter(aboutRanges);
      evaluateNotes = mine;
      drawNotes();
      return warnings.filter((w) => !mine.includes(w));
    },
    /** The ranges of the last result: [{ path, low, high, value, from, unit, label }]. */
    ranges: () => last?.ranges ?? [],
    focusRange,
  };
}
