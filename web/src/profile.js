// profile.js — the load-profile input: a preset picker, a small 168-hour visual of the week, and custom weights.
import { h, svg, uid, setText } from './dom.js';
import { parseAmount } from './format.js';
import { PROFILE_CHOICES } from './params.js';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function profileControl(param, state) {
  const id = uid('in');
  const errorId = uid('err');
  const captionId = uid('cap');
  const select = h('select', { id, 'aria-describedby': `${captionId} ${errorId}` },
    PROFILE_CHOICES.map(([v, l]) => h('option', { value: v }, l)));
  const area = svg('svg', { class: 'spark', viewBox: '0 0 168 40', preserveAspectRatio: 'none',
    'aria-hidden': 'true', focusable: 'false' });
  const path = svg('path', { class: 'spark-area', d: '' });
  area.append(...[1, 2, 3, 4, 5, 6].map((d) => svg('line', { class: 'spark-day', x1: d * 24, x2: d * 24,
    y1: 0, y2: 40 })), path);
  const caption = h('p', { class: 'help', id: captionId });
  const weightsId = uid('in');
  const weights = h('textarea', { id: weightsId, rows: 4, class: 'weights', spellcheck: 'false',
    'aria-describedby': errorId });
  const custom = h('div', { class: 'custom-weights', hidden: true },
    h('label', { for: weightsId, class: 'field-label' }, '168 hourly weights',
      h('span', { class: 'unit' }, 'Monday 00:00 first; any scale')), weights);
  const error = h('p', { class: 'error', id: errorId, hidden: true });
  const root = h('div', { class: 'field field-profile', 'data-path': param.path },
    h('div', { class: 'field-row' }, h('label', { for: id, class: 'field-label' }, param.label), select),
    h('div', { class: 'spark-box' }, area,
      h('div', { class: 'spark-days', 'aria-hidden': 'true' }, DAYS.map((d) => h('span', {}, d)))),
    caption, custom, error);

  let lastWeights = null;
  select.addEventListener('change', () => {
    if (select.value !== 'custom') state.set(param.path, { preset: select.value });
    else state.set(param.path, { hourly_weights: (lastWeights ?? Array(168).fill(1)).map((w) => +w.toFixed(3)) });
  });
  weights.addEventListener('input', () => {
    const items = weights.value.split(/[\s,;]+/).filter(Boolean);
    state.set(`${param.path}/hourly_weights`, items.map((t) => parseAmount(t) ?? t));
  });

  return {
    param, root, input: select,
    sync(value, force = false) {
      const isCustom = Array.isArray(value?.hourly_weights);
      select.value = isCustom ? 'custom' : value?.preset ?? 'business_hours';
      custom.hidden = !isCustom;
      if (isCustom && (force || document.activeElement !== weights)) {
        const text = value.hourly_weights.map(String).join(', ');
        if (weights.value !== text) weights.value = text;
      }
    },
    /** Draws the engine's normalized weights (mean 1) and its peak-to-average figure. */
    showLoad(load) {
      lastWeights = load.hourly_weights;
      const top = Math.max(...load.hourly_weights, 1e-9);
      const pts = load.hourly_weights.map((w, i) => `L${i} ${40 - (w / top) * 38} L${i + 1} ${40 - (w / top) * 38}`);
      path.setAttribute('d', `M0 40 ${pts.join(' ')} L168 40 Z`);
      setText(caption, `Busiest hour ${load.peak_to_average.toFixed(1)}× the average hour.`);
    },
    setError(message) {
      root.classList.toggle('invalid', Boolean(message));
      error.hidden = !message;
      setText(error, message ?? '');
      for (const el of [select, weights]) {
        if (message) el.setAttribute('aria-invalid', 'true');
        else el.removeAttribute('aria-invalid');
      }
    },
  };
}
