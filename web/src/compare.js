// compare.js — scenarios side by side: pin the scenario on screen (up to four), change things, and see the pinned
// ones, with the one on screen when it differs, in one table. Every figure comes from the engine's compare() (one
// row per figure, which differ, the lowest cost); this file only lays it out. The pins travel in the link
// (link.js's cmp part) and in the exports (exports.js).
import { h, setText, download, watchSeen } from './dom.js';
import { compact, count, percent, usd } from './format.js';
import { dayText } from './prices.js';
import { compareCsv, compareJson, compareMarkdown, slug } from './exports.js';

export const MAX_PINS = 4;
const WAIT_MS = 300; // the comparison follows edits once they pause: compare() samples "How sure?" for each scenario

const CHOICES = {
  api: 'API',
  self_host: 'Self-host',
  self_host_required: 'Self-host (required)',
  hybrid: 'Hybrid',
  hybrid_cheapest: 'Hybrid',
};
const BREAKEVEN = { crossing: 'Crossing', never: 'Never', always: 'Always' };

/** A compare() value as the table shows it, by the row's unit. */
export function compareValue(row, v) {
  if (v == null) return row.key === 'payback_month' ? 'None' : '—';
  switch (row.unit) {
    case 'choice':
      return row.key === 'breakeven_kind' ? (BREAKEVEN[v] ?? String(v)) : (CHOICES[v] ?? String(v));
    case 'USD':
    case 'USD per month':
    case 'USD per 1M tokens':
      return usd(v);
    case 'fraction':
      return percent(v);
    case 'replicas':
      return count(v);
    case 'tokens per month':
      return compact(v);
    case 'month':
      return `Month ${v}`;
    case 'date':
      return dayText(v);
    default:
      return typeof v === 'number' ? compact(v) : String(v);
  }
}

const sameScenario = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/**
 * root: the card's body; engine (withPrices: compare and minimize take the imported prices); current() → { scenario,
 * result } on screen; onPinsChange(): the link follows; overlayDefaults(minimized) → a full scenario.
 */
export function createCompare(root, { engine, current, onPinsChange, overlayDefaults }) {
  let pins = []; // minimized scenarios, imported prices written in
  let timer = 0;
  let last = null; // { key, envelope, columns }
  let seen = true;
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const pinButton = h('button', { type: 'button', class: 'tool primary', onclick: () => pin() }, 'Pin this scenario');
  const clearButton = h(
    'button',
    { type: 'button', class: 'tool', onclick: () => setPins([], { say: 'Pins cleared.' }) },
    'Clear the pins',
  );
  const exports = h(
    'p',
    { class: 'dialog-actions compare-exports no-print' },
    h('span', { class: 'help' }, 'Download the comparison: '),
    ...[
      ['JSON', 'json', 'application/json', compareJson],
      ['CSV', 'csv', 'text/csv', compareCsv],
      ['Markdown', 'md', 'text/markdown', compareMarkdown],
    ].map(([label, ext, type, fn]) =>
      h(
        'button',
        {
          type: 'button',
          class: 'tool',
          onclick: () => {
            const now = comparison();
            if (!now?.envelope.ok)
              return setText(status, 'Nothing to download: pin a scenario and change an input first.');
            download(
              `${slug(now.columns.map((c) => c.name).join(' vs '))}-comparison.${ext}`,
              fn(now.envelope.result, now.columns),
              type,
            );
            setText(status, `Comparison downloaded (${label}).`);
          },
        },
        label,
      ),
    ),
  );
  const body = h('div', { class: 'compare-body' });
  root.append(
    h(
      'div',
      { class: 'compare-head' },
      h('h2', { id: 'compare-heading' }, 'Compare options side by side'),
      h('p', { class: 'compare-actions no-print' }, pinButton, clearButton),
    ),
    body,
    exports,
    status,
  );
  watchSeen(root, 600, (now) => {
    seen = now;
    if (seen) schedule();
  });

  /** The scenarios of the table: the pins, and the one on screen when it is none of them (and there is room). */
  function columns() {
    const good = current();
    const list = pins.map((m, i) => ({ minimized: m, pinned: i }));
    if (good) {
      const envelope = engine.minimize(good.scenario);
      if (envelope.ok && !pins.some((m) => sameScenario(m, envelope.result)) && pins.length < MAX_PINS)
        list.push({ minimized: envelope.result, pinned: null });
    }
    return list.map((c, i) => ({ ...c, name: c.minimized.name || `Scenario ${String.fromCharCode(65 + i)}` }));
  }

  function comparison() {
    if (!engine.ready) return null;
    const cols = columns();
    if (cols.length < 2) return null;
    const key = JSON.stringify(cols.map((c) => [c.pinned, c.minimized]));
    if (last?.key !== key) {
      const envelope = engine.compare(cols.map((c) => overlayDefaults(c.minimized)));
      last = { key, envelope, columns: cols };
    }
    return last;
  }

  function pin() {
    if (!engine.ready) return setText(status, 'The cost engine is still starting: pin again in a moment.');
    const good = current();
    if (!good) return setText(status, 'Nothing to pin: the scenario on screen does not evaluate.');
    const envelope = engine.minimize(good.scenario);
    if (!envelope.ok) return setText(status, 'Nothing to pin: the scenario on screen does not validate.');
    if (pins.some((m) => sameScenario(m, envelope.result))) return setText(status, 'This scenario is pinned already.');
    if (pins.length >= MAX_PINS) return setText(status, `At most ${MAX_PINS} scenarios are compared: unpin one first.`);
    setPins([...pins, envelope.result], {
      say: `Pinned “${envelope.result.name || `Scenario ${String.fromCharCode(65 + pins.length)}`}”. Change inputs to compare.`,
    });
  }

  function setPins(next, { say = '', quiet = false } = {}) {
    pins = next.slice(0, MAX_PINS).map((m) => structuredClone(m));
    if (say) setText(status, say);
    render();
    if (!quiet) onPinsChange();
  }

  function table(cmp, cols) {
    const headCells = cols.map((c) =>
      h(
        'th',
        { scope: 'col' },
        h('span', { class: 'compare-name' }, c.name),
        h('span', { class: 'sub' }, c.pinned == null ? 'On screen' : `Pinned ${c.pinned + 1}`),
        c.pinned == null
          ? null
          : h(
              'button',
              {
                type: 'button',
                class: 'link no-print',
                'aria-label': `Unpin ${c.name}`,
                onclick: () =>
                  setPins(
                    pins.filter((_, j) => j !== c.pinned),
                    { say: `Unpinned “${c.name}”.` },
                  ),
              },
              'Unpin',
            ),
      ),
    );
    const rows = cmp.rows.map((row) =>
      h(
        'tr',
        { class: row.differs ? 'differs' : '' },
        h('th', { scope: 'row' }, row.label, row.differs ? h('span', { class: 'diff-mark' }, ' · differs') : null),
        ...row.values.map((v, i) =>
          h(
            'td',
            { class: `num${row.best === i ? ' best' : ''}` },
            compareValue(row, v),
            row.best === i ? h('span', { class: 'best-mark' }, ' lowest') : null,
          ),
        ),
      ),
    );
    return h(
      'div',
      { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Comparison table' },
      h(
        'table',
        { class: 'compare-table' },
        h('caption', { class: 'visually-hidden' }, 'The scenarios side by side; rows that differ are marked'),
        h('thead', {}, h('tr', {}, h('td', {}), ...headCells)),
        h('tbody', {}, rows),
      ),
    );
  }

  function details(cmp, cols) {
    const out = [];
    if (cmp.reasons_differ.length) {
      out.push(
        h('h3', {}, 'Reasons not shared by all'),
        h(
          'ul',
          { class: 'compare-reasons' },
          cmp.reasons_differ.map((code) =>
            h(
              'li',
              {},
              h('code', {}, code),
              ': ',
              cols
                .filter((_, i) => cmp.reasons[i].some((r) => r.code === code))
                .map((c) => c.name)
                .join(', '),
            ),
          ),
        ),
      );
    }
    if (cmp.input_differences.length) {
      const show = (v) =>
        v === undefined || v === null
          ? '—'
          : typeof v === 'number'
            ? compact(v)
            : typeof v === 'object'
              ? JSON.stringify(v).slice(0, 60)
              : String(v);
      out.push(
        h('h3', {}, `Inputs that differ (${count(cmp.input_differences.length)})`),
        h(
          'div',
          { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Inputs that differ' },
          h(
            'table',
            { class: 'compare-table inputs-diff' },
            h(
              'thead',
              {},
              h('tr', {}, h('th', { scope: 'col' }, 'Input'), ...cols.map((c) => h('th', { scope: 'col' }, c.name))),
            ),
            h(
              'tbody',
              {},
              cmp.input_differences.map((d) =>
                h(
                  'tr',
                  {},
                  h('th', { scope: 'row' }, h('code', {}, d.path)),
                  ...d.values.map((v) => h('td', {}, show(v))),
                ),
              ),
            ),
          ),
        ),
      );
    }
    return out;
  }

  function render() {
    clearTimeout(timer);
    timer = 0;
    clearButton.hidden = pins.length === 0;
    exports.hidden = true;
    if (!pins.length) {
      body.replaceChildren(
        h(
          'p',
          { class: 'help' },
          `Pin this scenario, then change inputs (or pick a preset): up to ${MAX_PINS} scenarios side by side, ` +
            'the differences marked, in one link.',
        ),
      );
      return;
    }
    const now = comparison();
    if (!now) {
      body.replaceChildren(
        h('p', { class: 'help' }, 'One scenario pinned: change an input, or pin another, to compare.'),
      );
      return;
    }
    if (!now.envelope.ok) {
      body.replaceChildren(
        h(
          'div',
          { class: 'notice notice-error' },
          h('p', {}, 'These scenarios cannot be compared:'),
          h(
            'ul',
            {},
            now.envelope.errors.map((e) => h('li', {}, `${e.path || 'The comparison'}: ${e.message}`)),
          ),
        ),
      );
      return;
    }
    exports.hidden = false;
    body.replaceChildren(table(now.envelope.result, now.columns), ...details(now.envelope.result, now.columns));
  }

  /** The on-screen column follows edits once they pause, while the card is on or near the screen. */
  function schedule() {
    if (!pins.length || !seen) return;
    clearTimeout(timer);
    timer = setTimeout(render, WAIT_MS);
  }

  return {
    pin,
    setPins,
    render,
    /** A new result on screen. */
    changed: schedule,
    pins: () => pins.map((m) => structuredClone(m)),
    /** { envelope, columns } for the exports, computed now (null with fewer than two scenarios). */
    comparison,
  };
}
