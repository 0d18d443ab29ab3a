// monthly.js — monthly cost of the options side by side: API, self-hosting and, when the engine found one, the
// hybrid (its floor's components and the API bill for its overflow); a bar stacked by component for each, and the
// component tables under them (each amount explained by the engine where it has an entry). Zero components are
// left out of both.
import { h, setText } from './dom.js';
import { figure } from './explain.js';
import { usd } from './format.js';
import { hybridOf, replicas } from './hybrid.js';

// Display order: the big fixed blocks first, then people, then the small recurring items.
const SELF_HOST_ORDER = [
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
];
const ORDER = {
  api: ['input', 'cached_input', 'output', 'other', 'batch_savings'],
  self_host: SELF_HOST_ORDER,
  hybrid: [...SELF_HOST_ORDER, 'api_overflow'],
};
const NAMES = { api: 'API', self_host: 'Self-hosting', hybrid: 'Hybrid' };
/** The options compared, as [side, name]: the hybrid only when it is a real mix. */
export const sides = (r) => ['api', 'self_host', ...(hybridOf(r) ? ['hybrid'] : [])].map((side) => [side, NAMES[side]]);
const humanize = (key) => key.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

/** The hybrid's bill as one breakdown: its floor's components and the overflow's API bill. */
const breakdownOf = (r, side) =>
  side === 'hybrid'
    ? { ...r.hybrid.floor_breakdown, api_overflow: r.hybrid.overflow_api_usd_per_month }
    : r[side].breakdown;

/** One component's label: the engine's (the floor's components are named as self-hosting's). */
function labelOf(r, side, key) {
  if (side === 'hybrid' && key === 'api_overflow') return 'API for the overflow';
  const path = `${side === 'hybrid' ? 'self_host' : side}.breakdown.${key}`;
  return r.explainMap.get(path)?.label ?? humanize(key);
}

export function components(r, side) {
  const breakdown = breakdownOf(r, side);
  const keys = [
    ...ORDER[side].filter((k) => k in breakdown),
    ...Object.keys(breakdown).filter((k) => !ORDER[side].includes(k)),
  ];
  return keys
    .filter((k) => breakdown[k] !== 0)
    .map((key, i) => {
      const path =
        side !== 'hybrid'
          ? `${side}.breakdown.${key}`
          : key === 'api_overflow'
            ? 'hybrid.overflow_api_usd_per_month'
            : `hybrid.floor_breakdown.${key}`;
      // The overflow is an API bill: it takes the API's colour inside the hybrid's bar.
      const tone = side === 'hybrid' && key === 'api_overflow' ? 'api s1' : `${side} s${i}`;
      return { key, path, value: breakdown[key], shade: i, tone, label: labelOf(r, side, key) };
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
  x.swatch.className = `swatch ${c.tone}${c.value < 0 ? ' saving' : ''}`;
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
  const shown = sides(r);
  const parts = Object.fromEntries(shown.map(([side]) => [side, components(r, side)]));
  const gross = (side) => parts[side].filter((c) => c.value > 0).reduce((a, c) => a + c.value, 0);
  const scale = Math.max(...shown.map(([side]) => gross(side)), 1e-9); // bar lengths only, never shown
  const pct = (v) => `${(Math.abs(v) / scale) * 100}%`;

  const bars = shown.map(([side, name]) => {
    const track = h('div', { class: 'stack-track', 'aria-hidden': 'true' });
    for (const c of parts[side]) {
      const seg = h('span', { class: `seg ${c.tone}${c.value < 0 ? ' saving' : ''}` });
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

  const tables = shown.map(([side, name]) =>
    h(
      'table',
      { class: 'breakdown' },
      h(
        'caption',
        {},
        side === 'hybrid'
          ? `${name}, per month: a floor of ${replicas(r.hybrid.floor_replicas)} and the API for the overflow`
          : `${name}, per month`,
      ),
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

  box.replaceChildren(
    h('div', { class: 'stacks' }, bars),
    h('div', { class: `breakdowns${shown.length > 2 ? ' three' : ''}` }, tables),
  );
}
