// monthly.js — monthly cost of both options side by side: two bars stacked by component, and the component
// tables under them (each amount explained by the engine). Zero components are left out of both.
import { h, setText } from './dom.js';
import { figure } from './explain.js';
import { usd } from './format.js';

// Display order: the big fixed blocks first, then people, then the small recurring items.
const ORDER = {
  api: ['input', 'cached_input', 'output', 'other', 'batch_savings'],
  self_host: [
    'gpu_rental',
    'hardware_amortization',
    'cost_of_capital',
    'electricity',
    'facility',
    'cloud_other',
    'engineering',
    'model_refreshes',
    'observability',
    'one_time',
  ],
};
export const SIDES = [
  ['api', 'API'],
  ['self_host', 'Self-hosting'],
];
const humanize = (key) => key.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

export function components(r, side) {
  const breakdown = r[side].breakdown;
  const keys = [
    ...ORDER[side].filter((k) => k in breakdown),
    ...Object.keys(breakdown).filter((k) => !ORDER[side].includes(k)),
  ];
  return keys
    .filter((k) => breakdown[k] !== 0)
    .map((key, i) => {
      const path = `${side}.breakdown.${key}`;
      return { key, path, value: breakdown[key], shade: i, label: r.explainMap.get(path)?.label ?? humanize(key) };
    });
}

const cache = new Map();
function row(side, c, r) {
  const id = `${side}/${c.key}`;
  if (!cache.has(id)) {
    const fig = figure();
    const label = h('span');
    const swatch = h('span', { class: `swatch ${side}`, 'aria-hidden': 'true' });
    const tr = h('tr', {}, h('th', { scope: 'row' }, swatch, label), h('td', { class: 'num' }, fig));
    cache.set(id, { fig, label, swatch, tr });
  }
  const x = cache.get(id);
  x.swatch.className = `swatch ${side} s${c.shade}${c.value < 0 ? ' saving' : ''}`;
  setText(x.label, c.label);
  x.fig.update(usd(c.value), r.explainMap.get(c.path));
  return x.tr;
}

const totals = new Map();
function totalFigure(side) {
  if (!totals.has(side)) totals.set(side, figure());
  return totals.get(side);
}

export function renderMonthly(box, r) {
  const parts = Object.fromEntries(SIDES.map(([side]) => [side, components(r, side)]));
  const gross = (side) => parts[side].filter((c) => c.value > 0).reduce((a, c) => a + c.value, 0);
  const scale = Math.max(gross('api'), gross('self_host'), 1e-9); // bar lengths only, never shown
  const pct = (v) => `${(Math.abs(v) / scale) * 100}%`;

  const bars = SIDES.map(([side, name]) => {
    const track = h('div', { class: 'stack-track', 'aria-hidden': 'true' });
    for (const c of parts[side]) {
      const seg = h('span', { class: `seg ${side} s${c.shade}${c.value < 0 ? ' saving' : ''}` });
      seg.style.width = pct(c.value);
      if (c.value < 0) seg.style.left = pct(r[side].usd_per_month);
      track.append(seg);
    }
    const total = totalFigure(side);
    total.update(usd(r[side].usd_per_month), r.explainMap.get(`${side}.usd_per_month`));
    return h(
      'div',
      { class: 'stack-row' },
      h('span', { class: 'stack-name' }, name),
      track,
      h('span', { class: 'stack-total' }, total),
    );
  });

  const tables = SIDES.map(([side, name]) =>
    h(
      'table',
      { class: 'breakdown' },
      h('caption', {}, `${name}, per month`),
      h(
        'thead',
        { class: 'visually-hidden' },
        h('tr', {}, h('th', { scope: 'col' }, 'Component'), h('th', { scope: 'col' }, 'Per month')),
      ),
      h(
        'tbody',
        {},
        parts[side].map((c) => row(side, c, r)),
      ),
    ),
  );

  box.replaceChildren(h('div', { class: 'stacks' }, bars), h('div', { class: 'breakdowns' }, tables));
}
